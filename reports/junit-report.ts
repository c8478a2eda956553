import type { CheckResult } from '../runner/check-result'
import { explain, provenanceRows, reproEnvironmentText, resultVerdict } from './report-wording'
import { rateLimitEntry } from './rate-limit-lines'
import type { RunReport } from './run-report'

/**
 * JUnit XML for CI systems: one testsuite per run, one testcase per check (classname
 * role.endpoint.level, name = check id, stable across runs so CI can track history).
 * A result that fails the run is a <failure>; an expected failure is <skipped> with its reason;
 * a warning that does not fail the run passes, with a WARNING line in <system-out> and a
 * `verdict` property so it stays visible. Suite faults are <error>s.
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
    // Once per run, where CI shows the suite's facts: each failure's repro lines read these variables.
    ...(report.reproEnvironment ? [`      <property name="repro environment" value="${attr(reproEnvironmentText(report)!)}"/>`] : []),
    '    </properties>',
    ...report.results.flatMap((r) => testcase(r, report.role)),
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

function testcase(r: CheckResult, role: string): string[] {
  const open = `    <testcase classname="${attr(`${role}.${r.endpoint ?? 'ping'}.${r.level}`)}" name="${attr(r.id)}" time="${seconds(r.durationMs)}">`
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
    body.push(`      <failure message="${attr(firstLine(r))}" type="${attr(resultVerdict(r))}">${text(details)}</failure>`)
  } else if (r.status === 'skip') {
    body.push(`      <skipped message="${attr(r.message ?? 'skipped')}"/>`)
  } else if (r.expected?.verdict === 'as-expected' && r.status !== 'pass') {
    body.push(`      <skipped message="${attr(`${resultVerdict(r)}: ${r.expected.reason}`)}"/>`)
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

function firstLine(r: CheckResult): string {
  return `${resultVerdict(r)}: ${r.message ?? r.title}`.split('\n')[0]!
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
