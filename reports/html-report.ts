import type { CheckResult } from '../runner/check-result.js'
import { explain, levels, needsExplaining, provenanceRows, reproEnvironmentText, resultVerdict, runVerdict } from './report-wording.js'
import { rateLimitSummary } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

/**
 * A single self-contained HTML page: the verdict at a glance, counts, a per-requirement matrix
 * grouped by endpoint and level, each check expandable (<details>) to its explanation and
 * exchange. Inline CSS and JS only, and a Content-Security-Policy that forbids loading anything,
 * so it opens from disk (or a CI artifact) with no network.
 */
export function renderHtmlReport(report: RunReport): string {
  const verdict = runVerdict(report)
  const tone = report.exitCode === 0 ? 'good' : report.exitCode === 1 ? 'bad' : 'unknown'
  const s = report.summary
  const counts = (['pass', 'fail', 'warn', 'skip'] as const).map(
    (k) =>
      `<div class="count ${k}" data-count="${k}"><span class="n">${s[k]}</span> ${{ pass: 'passed', fail: 'failed', warn: 'warned', skip: 'skipped' }[k]}</div>`,
  )
  const body = [
    `<header class="${tone}"><h1>as-ping-conformance: <span data-testid="verdict">${esc(verdict.label)}</span></h1>`,
    `<p>${esc(verdict.sentence)} ${esc(report.role)} <code>${esc(report.target.url)}</code>, graded against ${esc(report.specVersion)}.</p>`,
    `<div class="counts" data-testid="counts">${counts.join('')}<div class="count total" data-count="total"><span class="n">${s.total}</span> checks</div></div></header>`,
    '<main>',
    levelTable(report),
    changes(report),
    report.problems.length
      ? `<section class="problems"><h2>The run could not give a verdict</h2><ul>${report.problems.map((p) => `<li><code>${esc(p.where)}</code>: ${esc(p.message)}</li>`).join('')}</ul></section>`
      : '',
    '<label class="filter"><input type="checkbox" id="only-attention"> Show only failures and warnings</label>',
    matrix(report),
    rateLimitSection(report),
    reproEnvironmentText(report)
      ? `<section class="repro-environment" data-testid="repro-environment"><h2>Reproducing a failure</h2><pre>${esc(reproEnvironmentText(report)!)}</pre></section>`
      : '',
    `<section><h2>Provenance</h2><table class="provenance">${provenanceRows(report)
      .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
      .join('')}</table></section>`,
    '</main>',
  ]
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>as-ping-conformance ${esc(report.role)} ${esc(report.target.url)}: ${esc(verdict.label)}</title>
<style>${css}</style>
</head>
<body>
${body.filter(Boolean).join('\n')}
<script>${script}</script>
</body>
</html>
`
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

function matrix(report: RunReport): string {
  const endpoints = [...new Set(report.results.map((r) => r.endpoint ?? 'pingAppservice'))]
  return endpoints
    .map((endpoint) => {
      const groups = levels
        .map((level) => {
          const rows = report.results.filter((r) => (r.endpoint ?? 'pingAppservice') === endpoint && r.level === level)
          if (!rows.length) return ''
          return `<h3>${level}</h3><table class="matrix"><thead><tr><th>Verdict</th><th>Check</th><th>Time</th></tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`
        })
        .join('')
      return `<section class="endpoint" data-endpoint="${esc(endpoint)}"><h2><code>${esc(report.endpoints?.[endpoint] ?? endpoint)}</code></h2>${groups}</section>`
    })
    .join('\n')
}

function row(r: CheckResult): string {
  const attention = needsExplaining(r)
  const e = explain(r)
  const parts = [
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
  return `<tr class="${cls}" data-check="${esc(r.id)}" data-status="${r.status}"><td class="verdict">${esc(resultVerdict(r))}</td><td><details${attention ? ' class="failure"' : ''}><summary><code>${esc(r.id)}</code> ${esc(r.title)}</summary>${parts.join('')}</details></td><td class="time">${r.durationMs} ms</td></tr>`
}

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

const css = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; }
body { margin: 0; }
header { padding: 1rem 2rem; color: #fff; }
header.good { background: #1a7f37; } header.bad { background: #cf222e; } header.unknown { background: #6e7781; }
header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
header code { color: #fff; }
.counts { display: flex; gap: 1rem; flex-wrap: wrap; }
.count { background: rgba(255,255,255,.15); padding: .25rem .75rem; border-radius: 4px; }
.count .n { font-weight: bold; font-size: 1.25rem; }
main { padding: 1rem 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
table.matrix { width: 100%; }
td.verdict { white-space: nowrap; font-weight: bold; }
tr.pass td.verdict { color: #1a7f37; } tr.fail td.verdict, tr.fails-run td.verdict { color: #cf222e; }
tr.warn td.verdict { color: #9a6700; } tr.skip td.verdict { color: #6e7781; }
td.time { white-space: nowrap; color: #57606a; }
summary { cursor: pointer; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: .25rem 0; padding-left: .75rem; border-left: 3px solid #d0d7de; color: #57606a; }
body.only-attention tr:not(.attention) { display: none; }
.filter { display: block; margin: 1rem 0; }
`

// Filtering is a convenience; the page reads fine without scripts.
const script = `
document.getElementById('only-attention').addEventListener('change', function (e) {
  document.body.classList.toggle('only-attention', e.target.checked);
});
`

function rateLimitSection(report: RunReport): string {
  const limited = rateLimitSummary(report)
  return limited
    ? `<section class="rate-limited" data-testid="rate-limited"><h2>${esc(limited.heading)}</h2><ul>${limited.entries.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></section>`
    : ''
}
