import type { CheckResult, CheckStatus } from '../runner/check-result.js'
import { escapeHtml as esc } from './html/escape-html.js'
import { selfContainedPage } from './html/self-contained-page.js'
import { sequenceDiagram } from './html/sequence-diagram.js'
import { explain, levels, needsExplaining, provenanceRows, reproEnvironmentText, resultVerdict, runVerdict } from './report-wording.js'
import { rateLimitSummary } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

/**
 * A single self-contained HTML page: the verdict at a glance, counts that filter the list when
 * clicked, then the failures (open, each with its exchange drawn as a sequence diagram), the
 * warnings, and the rest grouped by endpoint and level; each check expandable (<details>) to its
 * explanation and exchange. Inline CSS and JS only, and a Content-Security-Policy that forbids
 * loading anything, so it opens from disk (or a CI artifact) with no network.
 */
export function renderHtmlReport(report: RunReport): string {
  const verdict = runVerdict(report)
  const tone = report.exitCode === 0 ? 'good' : report.exitCode === 1 ? 'bad' : 'unknown'
  const s = report.summary
  const counts = statuses.map(
    (k) =>
      `<button type="button" class="count ${k}" data-count="${k}" data-filter="${k}" aria-pressed="false" title="Show only the ${statusWords[k]} checks"><span class="n">${s[k]}</span> ${statusWords[k]}</button>`,
  )
  const body = [
    `<header class="${tone}"><h1>as-ping-conformance: <span data-testid="verdict">${esc(verdict.label)}</span></h1>`,
    `<p>${esc(verdict.sentence)} ${esc(report.role)} <code>${esc(report.target.url)}</code>, graded against ${esc(report.specVersion)}.</p>`,
    report.dialectNote ? `<p class="dialect" data-testid="dialect">Note: ${esc(report.dialectNote)}.</p>` : '',
    `<div class="counts" data-testid="counts">${counts.join('')}<button type="button" class="count total" data-count="total" data-filter="" aria-pressed="true" title="Show every check"><span class="n">${s.total}</span> checks</button></div></header>`,
    '<main>',
    levelTable(report),
    changes(report),
    report.problems.length
      ? `<section class="problems"><h2>The run could not give a verdict</h2><ul>${report.problems.map((p) => `<li><code>${esc(p.where)}</code>: ${esc(p.message)}</li>`).join('')}</ul></section>`
      : '',
    resultGroups(report),
    rateLimitSection(report),
    reproEnvironmentText(report)
      ? `<section class="repro-environment" data-testid="repro-environment"><h2>Reproducing a failure</h2><pre>${esc(reproEnvironmentText(report)!)}</pre></section>`
      : '',
    `<section><h2>Provenance</h2><dl class="provenance">${provenanceRows(report)
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join('')}</dl></section>`,
    '</main>',
  ]
  return selfContainedPage({ title: `as-ping-conformance ${report.role} ${report.target.url}: ${verdict.label}`, css, script, body })
}

function levelTable(report: RunReport): string {
  if (!report.summaryByLevel) return ''
  const rows = levels.map((level) => {
    const c = report.summaryByLevel![level]
    return `<tr data-level="${level}"><th>${level}</th><td>${c.pass}</td><td>${c.fail}</td><td>${c.warn}</td><td>${c.skip}</td></tr>`
  })
  return `<table class="levels"><thead><tr><th>Level</th><th>Passed</th><th>Failed</th><th>Warned</th><th>Skipped</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function changes(report: RunReport): string {
  const parts: string[] = []
  const ids = (list: string[]) => (list.length ? list.map((id) => `<code>${esc(id)}</code>`).join(', ') : 'none')
  if (report.baseline) {
    const b = report.baseline
    parts.push(
      `<p><strong>Against the baseline</strong> (run of ${esc(b.startedAt)}): newly failing ${ids(b.newlyFailing)}; newly passing ${ids(b.newlyPassing)}; changed ${ids(b.changed)}.</p>`,
    )
  }
  if (report.expectations) {
    const x = report.expectations
    parts.push(
      `<p><strong>Expectations</strong> (<code>${esc(x.file)}</code>): as expected ${ids(x.asExpected)}; unexpected passes ${ids(x.unexpectedPasses)}; expired ${ids(x.expired)}; skipped ${ids(x.skipped)}.</p>`,
    )
  }
  return parts.length ? `<section class="changes">${parts.join('')}</section>` : ''
}

const statuses: readonly CheckStatus[] = ['pass', 'fail', 'warn', 'skip']
const statusWords: Readonly<Record<CheckStatus, string>> = { pass: 'passed', fail: 'failed', warn: 'warned', skip: 'skipped' }

/** Failures first (anything that fails the run), then warnings, then the rest by endpoint and level. */
function resultGroups(report: RunReport): string {
  const byLevel = (a: CheckResult, b: CheckResult) => levels.indexOf(a.level) - levels.indexOf(b.level)
  const failures = report.results.filter((r) => r.status === 'fail' || r.failsRun).sort(byLevel)
  const warnings = report.results.filter((r) => r.status === 'warn' && !r.failsRun).sort(byLevel)
  const rest = report.results.filter((r) => !failures.includes(r) && !warnings.includes(r))
  const group = (name: string, heading: string, rows: CheckResult[]) =>
    rows.length
      ? `<section class="group" data-group="${name}" data-rows><h2>${heading} (${rows.length})</h2>${resultTable(report, rows, { withEndpoint: true })}</section>`
      : ''
  return [group('failures', 'Failures', failures), group('warnings', 'Warnings', warnings), restByEndpoint(report, rest)].join('\n')
}

function restByEndpoint(report: RunReport, rest: CheckResult[]): string {
  const endpointOf = (r: CheckResult) => r.endpoint ?? 'pingAppservice'
  const endpoints = [...new Set(rest.map(endpointOf))]
  return endpoints
    .map((endpoint) => {
      const groups = levels
        .map((level) => {
          const rows = rest.filter((r) => endpointOf(r) === endpoint && r.level === level)
          return rows.length ? `<div class="level-group" data-rows><h3>${level}</h3>${resultTable(report, rows, { withEndpoint: false })}</div>` : ''
        })
        .join('')
      return `<section class="endpoint" data-endpoint="${esc(endpoint)}" data-rows><h2><code>${esc(endpointTitle(report, endpoint))}</code></h2>${groups}</section>`
    })
    .join('\n')
}

function endpointTitle(report: RunReport, endpoint: string): string {
  return report.endpoints?.[endpoint as keyof NonNullable<RunReport['endpoints']>] ?? endpoint
}

function resultTable(report: RunReport, rows: CheckResult[], options: { withEndpoint: boolean }): string {
  return `<table class="matrix"><thead><tr><th>Verdict</th><th>Check</th><th>Time</th></tr></thead><tbody>${rows.map((r) => row(report, r, options)).join('')}</tbody></table>`
}

function row(report: RunReport, r: CheckResult, options: { withEndpoint: boolean }): string {
  const attention = needsExplaining(r)
  const e = explain(r)
  // Failures are open: they are what the reader came for. The diagram is drawn for what needs explaining.
  const open = r.status === 'fail' || Boolean(r.failsRun)
  const diagram = attention ? sequenceDiagram(r, report.role) : ''
  const endpoint = options.withEndpoint ? ` <span class="endpoint-name">${esc(endpointTitle(report, r.endpoint ?? 'pingAppservice'))}</span>` : ''
  const parts = [
    diagram
      ? `<figure class="diagram">${diagram}<figcaption>The exchange that went wrong, drawn as the spec draws the ping (tokens redacted)</figcaption></figure>`
      : '',
    `<p><a href="${esc(e.spec)}" rel="noreferrer">Spec</a> · since ${esc(r.since ?? 'v1.7')}</p>`,
    `<blockquote>${esc(e.requirement)}</blockquote>`,
    r.message && !r.failure ? `<p>${esc(r.message)}</p>` : '',
    e.mismatches.length && r.failure ? `<ul class="mismatches">${e.mismatches.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>` : '',
    e.expected ? `<p class="expected"><b>Expected:</b> ${esc(e.expected)}</p>` : '',
    e.actual ? `<p class="actual"><b>Actual:</b> ${esc(e.actual)}</p>` : '',
    ...e.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    e.exchange.length
      ? `<div class="exchange" data-testid="exchange"><b>Exchange (tokens redacted)</b><pre>${esc(e.exchange.map((hop) => hop.join('\n')).join('\n\n'))}</pre></div>`
      : '<p class="exchange">(no exchange recorded)</p>',
    e.reproduce.length ? `<div class="repro"><b>Reproduce</b><pre>${esc(e.reproduce.join('\n'))}</pre></div>` : '',
  ]
  const cls = `${r.status}${r.failsRun ? ' fails-run' : ''}${attention ? ' attention' : ''}`
  return `<tr class="${cls}" data-check="${esc(r.id)}" data-status="${r.status}"><td class="verdict">${esc(resultVerdict(r))}</td><td><details${attention ? ' class="failure"' : ''}${open ? ' open' : ''}><summary><code>${esc(r.id)}</code> ${esc(r.title)}${endpoint}</summary>${parts.join('')}</details></td><td class="time">${r.durationMs} ms</td></tr>`
}

const css = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; }
body { margin: 0; }
header { padding: 1rem 2rem; color: #fff; }
header.good { background: #1a7f37; } header.bad { background: #cf222e; } header.unknown { background: #6e7781; }
header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header code { color: #fff; overflow-wrap: anywhere; }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; }
.count { font: inherit; color: inherit; cursor: pointer; background: rgba(255,255,255,.15); padding: .25rem .75rem; border: 2px solid transparent; border-radius: 4px; }
.count:hover { background: rgba(255,255,255,.3); }
.count[aria-pressed=true] { background: #fff; color: #1b1f24; border-color: #1b1f24; }
.count .n { font-weight: bold; font-size: 1.25rem; }
main { padding: 1rem 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.matrix { width: 100%; table-layout: fixed; }
table.matrix th:first-child { width: 11rem; } table.matrix th:last-child { width: 6rem; }
td.verdict { font-weight: bold; overflow-wrap: normal; }
tr.pass td.verdict { color: #1a7f37; } tr.fail td.verdict, tr.fails-run td.verdict { color: #cf222e; }
tr.warn td.verdict { color: #9a6700; } tr.skip td.verdict { color: #6e7781; }
td.time { white-space: nowrap; color: #57606a; }
summary { cursor: pointer; }
.endpoint-name { color: #57606a; font-size: .85em; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: .25rem 0; padding-left: .75rem; border-left: 3px solid #d0d7de; color: #57606a; }
dl.provenance { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: .5rem 0 1rem; }
dl.provenance dt { font-weight: bold; } dl.provenance dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, monospace; font-size: .9em; }
figure.diagram { margin: .5rem 0; max-width: 980px; }
figure.diagram figcaption { color: #57606a; font-size: .85em; }
svg.sequence { display: block; width: 100%; height: auto; font-family: ui-monospace, monospace; font-size: 12px; }
svg.sequence .lifeline rect { fill: #f6f8fa; stroke: #57606a; }
svg.sequence .lifeline line { stroke: #8c959f; stroke-dasharray: 4 4; }
svg.sequence .lifeline text { font-family: system-ui, sans-serif; font-weight: bold; }
svg.sequence .hop .arrow, svg.sequence .hop .strike { stroke: #57606a; stroke-width: 1.5; }
svg.sequence .hop polygon { fill: #57606a; }
svg.sequence .hop.missing .arrow { stroke-dasharray: 6 4; }
svg.sequence .hop .detail, svg.sequence .note { fill: #57606a; font-size: 11px; }
svg.sequence .hop.wrong .arrow, svg.sequence .hop.wrong .strike { stroke: #cf222e; stroke-width: 3; }
svg.sequence .hop.wrong polygon { fill: #cf222e; }
svg.sequence .hop.wrong .label { fill: #cf222e; font-weight: bold; }
svg.sequence .marker circle { fill: #cf222e; } svg.sequence .marker text { fill: #fff; font-weight: bold; }
svg.sequence .beside rect { fill: #fff8f8; stroke: #cf222e; }
svg.sequence .beside text { font-size: 11px; } svg.sequence .beside .heading { fill: #cf222e; font-weight: bold; }
[hidden] { display: none !important; }
`

// Filtering is a convenience; the page reads fine without scripts. A chip shows only its status's
// checks; the active chip again, or the total, shows them all.
const script = `
(function () {
  var chips = document.querySelectorAll('[data-filter]');
  function show(status) {
    chips.forEach(function (chip) { chip.setAttribute('aria-pressed', String(chip.getAttribute('data-filter') === status)); });
    document.querySelectorAll('tr[data-status]').forEach(function (row) {
      row.hidden = status !== '' && row.getAttribute('data-status') !== status;
    });
    document.querySelectorAll('[data-rows]').forEach(function (group) {
      group.hidden = status !== '' && !group.querySelector('tr[data-status="' + status + '"]');
    });
  }
  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      var status = chip.getAttribute('data-filter');
      show(chip.getAttribute('aria-pressed') === 'true' ? '' : status);
    });
  });
})();
`

function rateLimitSection(report: RunReport): string {
  const limited = rateLimitSummary(report)
  return limited
    ? `<section class="rate-limited" data-testid="rate-limited"><h2>${esc(limited.heading)}</h2><ul>${limited.entries.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></section>`
    : ''
}
