import type { Endpoint } from '../harness/requirements/requirement.js'
import type { CheckResult } from '../runner/check-result.js'
import { explain, provenanceRows, reproEnvironmentText, resultLine, resultVerdict } from './report-wording.js'
import { rateLimitEntry } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

/**
 * JUnit XML for CI systems: one testsuite per run, one testcase per check (classname the endpoint
 * it grades, name "ID: title", both stable across runs so CI can track a check's history).
 * A result that fails the run is a <failure>; an expected failure is <skipped> with its reason;
 * a warning that does not fail the run passes, with a WARNING line in <system-out> (Jenkins shows
 * it) and a `verdict` property (Jenkins with keepProperties); GitLab and dorny/test-reporter show
 * nothing of a passing testcase but its status, hence the GitHub annotations. Suite faults are <error>s.
 */
export function renderJunitReport(report: RunReport): string {
  const failures = report.results.filter((r) => r.failsRun).length
  const skipped = report.results.filter((r) => !r.failsRun && (r.status === 'skip' || (r.expected?.verdict === 'as-expected' && r.status !== 'pass'))).length
  const warnings = report.results.filter((r) => r.status === 'warn').length
  const errors = report.problems.length
  const suiteName = `as-ping-conformance ${report.role}`
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suiteName)}" tests="${report.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${attr(suiteName)}" tests="${report.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}" timestamp="${attr(report.startedAt.replace(/Z$/, ''))}" hostname="${attr(report.target.url)}">`,
    '    <properties>',
    ...provenanceRows(report).map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`),
    `      <property name="warnings" value="${warnings}"/>`,
    `      <property name="exit code" value="${report.exitCode}"/>`,
    ...(report.dialectNote ? [`      <property name="endpoints graded" value="${attr(report.dialectNote)}"/>`] : []),
    // Once per run, where CI shows the suite's facts: each failure's repro lines read these variables.
    ...(report.reproEnvironment ? [`      <property name="repro environment" value="${attr(reproEnvironmentText(report)!)}"/>`] : []),
    '    </properties>',
    ...report.results.flatMap((r) => testcase(r, endpointClass[report.role][r.endpoint ?? ownEndpoint[report.role]])),
    ...report.problems.map(
      (p) =>
        `    <testcase classname="${attr(`${report.role}.harness`)}" name="${attr(p.where)}" time="0">\n      <error message="${attr(p.message)}" type="harness">${text(p.message)}</error>\n    </testcase>`,
    ),
    '  </testsuite>',
    '</testsuites>',
    '',
  ]
  return lines.join('\n')
}

/**
 * A testcase's classname: the endpoint its check grades, named by the side that serves or calls it.
 * The role says which side is under test, the result's operationId which endpoint: an appservice
 * run grades both its own /_matrix/app/v1/ping and its call to the homeserver's client ping.
 */
const endpointClass: Readonly<Record<RunReport['role'], Readonly<Record<Endpoint, string>>>> = {
  homeserver: { pingAppservice: 'homeserver.ping', ping: 'homeserver.app-ping' },
  appservice: { ping: 'appservice.ping', pingAppservice: 'appservice.client-ping' },
}

/** The endpoint each role serves, for a result the registry does not know (it then carries none). */
const ownEndpoint: Readonly<Record<RunReport['role'], Endpoint>> = { homeserver: 'pingAppservice', appservice: 'ping' }

function testcase(r: CheckResult, classname: string): string[] {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(`${r.id}: ${r.title}`)}" time="${seconds(r.durationMs)}">`
  const body: string[] = [
    '      <properties>',
    `        <property name="title" value="${attr(r.title)}"/>`,
    `        <property name="level" value="${r.level}"/>`,
    `        <property name="verdict" value="${attr(resultVerdict(r))}"/>`,
    `        <property name="spec" value="${attr(r.spec)}"/>`,
    ...(r.rateLimited?.length ? [`        <property name="rate-limited" value="${attr(r.rateLimited.map(rateLimitEntry).join('\n'))}"/>`] : []),
    '      </properties>',
  ]
  const details = r.status === 'pass' && !r.failsRun ? '' : explanationText(r)
  if (r.failsRun) {
    body.push(`      <failure message="${attr(resultLine(r))}" type="${attr(resultVerdict(r))}">${text(details)}</failure>`)
  } else if (r.status === 'skip') {
    body.push(skipped(r.message ?? 'skipped'))
  } else if (r.expected?.verdict === 'as-expected' && r.status !== 'pass') {
    body.push(skipped(`${resultVerdict(r)}: ${r.expected.reason}`))
  }
  const out = r.status === 'warn' && !r.failsRun ? `WARNING (${r.level}): ${details}` : r.message && r.status === 'pass' ? r.message : ''
  if (out) body.push(`      <system-out>${text(out)}</system-out>`)
  return [open, ...body, '    </testcase>']
}

function explanationText(r: CheckResult): string {
  const e = explain(r)
  return [
    e.heading,
    `Spec: ${e.spec}`,
    `Requirement: "${e.requirement}"`,
    ...e.mismatches.map((m) => `- ${m}`),
    ...(e.expected ? [`Expected: ${e.expected}`] : []),
    ...(e.actual ? [`Actual: ${e.actual}`] : []),
    ...e.notes,
    ...(e.exchange.length ? ['Exchange (tokens redacted):', ...e.exchange.flat().map((l) => `  ${l}`)] : []),
    ...e.reproduce.map((l) => `Reproduce: ${l}`),
  ].join('\n')
}

/** The reason both as the attribute (Jenkins, GitHub test reporters) and as the text (GitLab shows only that). */
function skipped(reason: string): string {
  return `      <skipped message="${attr(reason)}">${text(reason)}</skipped>`
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}

/** XML 1.0 cannot carry most control characters at all, even escaped. */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
}
