import type { Level } from '../harness/requirements/requirement.js'
import type { Comparison, CompareGroup, CompareRow, CompareTarget } from '../runner/compare-reports.js'
import type { TrendSeries } from '../runner/run-history.js'
import { cellLine, flakyText, groupHeading, outcomeWords, scoreText } from './compare-wording.js'
import { escapeHtml as esc } from './html/escape-html.js'
import { selfContainedPage } from './html/self-contained-page.js'
import { trendChart } from './html/trend-chart.js'
import { failingExchange } from './failing-exchange.js'
import { resultVerdict } from './report-wording.js'

const levels: readonly Level[] = ['MUST', 'SHOULD', 'INFO']

/**
 * Targets side by side in one self-contained page (inline CSS and script, a CSP that loads
 * nothing): the scores per target and level, then a table per endpoint and level with a column
 * per target, each cell expandable to its message and exchange; a button hides the rows where
 * the targets agree. With a history, the trend per level and the flaky checks.
 */
export function renderCompareHtml(comparison: Comparison): string {
  const { targets } = comparison
  const body = [
    `<header><h1>as-ping-conformance: ${targets.length ? `${targets.length} target${targets.length === 1 ? '' : 's'} compared` : 'history'}</h1>`,
    targets.length
      ? `<p><span data-testid="row-count">${comparison.rowCount}</span> checks; the targets disagree on <span data-testid="disagreement-count">${comparison.disagreements}</span>.</p>`
      : '',
    targets.length
      ? `<button type="button" class="filter" data-testid="only-disagreements" aria-pressed="false">Only where they disagree (${comparison.disagreements})</button>`
      : '',
    '</header>',
    '<main>',
    targets.length ? scoreTable(targets) : '',
    ...comparison.groups.map((g) => groupSection(g, targets)),
    comparison.history ? historySection(comparison) : '',
    targets.length ? targetList(targets) : '',
    '</main>',
  ]
  return selfContainedPage({ title: `as-ping-conformance: ${targets.map((t) => t.label).join(', ') || 'history'}`, css, script, body })
}

function columns(targets: readonly CompareTarget[]): string {
  return `<colgroup><col class="check">${targets.map(() => '<col>').join('')}</colgroup>`
}

function targetHeads(targets: readonly CompareTarget[]): string {
  return targets.map((t) => `<th scope="col" data-target="${esc(t.label)}">${esc(t.label)}</th>`).join('')
}

function scoreTable(targets: readonly CompareTarget[]): string {
  const row = (name: string, pick: (t: CompareTarget) => string, attr: string) =>
    `<tr ${attr}><th scope="row">${name}</th>${targets.map((t) => `<td data-target="${esc(t.label)}">${pick(t)}</td>`).join('')}</tr>`
  const rows = [
    ...levels.map((level) => row(level, (t) => scoreText(t.scores[level]), `data-level="${level}"`)),
    row('All', (t) => `<b>${scoreText(t.total)}</b>`, 'data-level="all"'),
    row('Verdict', (t) => esc(t.verdict), 'data-row="verdict"'),
  ]
  return `<section><h2>Passed of graded, per level</h2><table class="scores" data-testid="scores">${columns(targets)}<thead><tr><th>Level</th>${targetHeads(targets)}</tr></thead><tbody>${rows.join('')}</tbody></table><p class="note">Skips (consequences too) are not graded.</p></section>`
}

function groupSection(group: CompareGroup, targets: readonly CompareTarget[]): string {
  const heading = group.kind === 'disagreements' ? esc(groupHeading(group)) : `<code>${esc(groupHeading(group))}</code>`
  return `<section class="group" data-group="${group.kind}" data-rows><h2>${heading}</h2><table class="matrix">${columns(targets)}<thead><tr><th>Check</th>${targetHeads(targets)}</tr></thead><tbody>${group.rows.map((r) => rowHtml(r, targets)).join('')}</tbody></table></section>`
}

function rowHtml(row: CompareRow, targets: readonly CompareTarget[]): string {
  const flaky = row.flaky ? ` <span class="flaky" data-testid="flaky" title="${esc(flakyText(row.flaky.statuses, row.flaky.flips))}">flaky</span>` : ''
  const cells = targets.map((t, i) => cellHtml(row, i, t))
  return `<tr data-check="${esc(row.id)}" data-disagree="${row.disagree}"${row.disagree ? ' class="disagree"' : ''}><th scope="row"><a href="${esc(row.spec)}" rel="noreferrer"><code>${esc(row.id)}</code></a> <span class="level">${row.level}</span>${flaky}<div class="title">${esc(row.title)}</div></th>${cells.join('')}</tr>`
}

function cellHtml(row: CompareRow, index: number, target: CompareTarget): string {
  const cell = row.cells[index]
  if (!cell) return `<td class="cell none" data-target="${esc(target.label)}" data-outcome="none">—</td>`
  const r = cell.result
  const mismatches = r.failure?.mismatches ?? []
  // The exchange that went wrong when the check named one, else every exchange it made.
  const named = r.failure ? failingExchange(r) : undefined
  const exchanges = named ? [named] : (r.transcript ?? [])
  const parts = [
    (cell.outcome === 'consequence' || !mismatches.length) && cellLine(row, index) ? `<p class="line">${esc(cellLine(row, index))}</p>` : '',
    mismatches.length ? `<ul>${mismatches.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>` : '',
    exchanges.length
      ? `<p class="note">${named ? 'The exchange that went wrong' : `Exchange${exchanges.length === 1 ? '' : `s (${exchanges.length})`}`}, tokens redacted:</p><pre data-testid="exchange">${esc(
          exchanges.map((t) => [t.sent, ...t.callbacks, ...(t.received ? [t.received] : [])].join('\n')).join('\n\n'),
        )}</pre>`
      : '<p class="note">(no exchange recorded)</p>',
  ]
  const verdict = resultVerdict(cell.result)
  const word = outcomeWords[cell.outcome]
  return `<td class="cell ${cell.outcome}" data-target="${esc(target.label)}" data-outcome="${cell.outcome}"><details><summary>${esc(word)}${verdict !== word && cell.outcome !== 'consequence' ? ` <small>${esc(verdict)}</small>` : ''}</summary>${parts.join('')}</details></td>`
}

function historySection(comparison: Comparison): string {
  const h = comparison.history!
  const charts = h.series.map((s: TrendSeries) => {
    const last = s.points[s.points.length - 1]!
    const scores = levels.map((l) => `${l} ${scoreText(last.scores[l])}`).join(', ')
    return `<figure class="trend"><figcaption>${esc(s.role)}: ${s.points.length} run${s.points.length === 1 ? '' : 's'}; the last (${esc(last.startedAt)}) ${esc(scores)}</figcaption>${trendChart(s)}</figure>`
  })
  const flaky = h.flaky.length
    ? `<ul data-testid="flaky-list">${h.flaky.map((f) => `<li><code>${esc(f.id)}</code> (${esc(f.role)}): ${esc(flakyText(f.statuses, f.flips))}</li>`).join('')}</ul>`
    : '<p data-testid="flaky-list">No check flipped more than once.</p>'
  return `<section class="history" data-testid="history"><h2>History (${h.runs} runs)</h2>${charts.join('')}<h3>Flaky checks</h3>${flaky}</section>`
}

function targetList(targets: readonly CompareTarget[]): string {
  return `<section><h2>Targets</h2><dl class="targets">${targets
    .map(
      (t) =>
        `<dt>${esc(t.label)}</dt><dd>${esc(t.role)} <code>${esc(t.url)}</code>, graded against ${esc(t.specVersion)}, run ${esc(t.startedAt)} by ${esc(t.toolVersion)} (<code>${esc(t.file)}</code>)</dd>`,
    )
    .join('')}</dl></section>`
}

const css = `
:root { font-family: system-ui, sans-serif; color: #1b1f24; }
body { margin: 0; }
header { padding: 1rem 2rem; background: #24292f; color: #fff; }
header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
button.filter { font: inherit; cursor: pointer; background: rgba(255,255,255,.15); color: inherit; padding: .25rem .75rem; border: 2px solid transparent; border-radius: 4px; }
button.filter[aria-pressed=true] { background: #fff; color: #1b1f24; border-color: #1b1f24; }
main { padding: 1rem 2rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; table-layout: fixed; }
col.check { width: 18rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f6f8fa; }
th .title { font-weight: normal; color: #57606a; font-size: .85em; }
th .level { color: #57606a; font-size: .75em; }
tr.disagree > th { border-left: 4px solid #bf8700; }
.flaky { background: #fff8c5; color: #7d4e00; border-radius: 3px; padding: 0 .3rem; font-size: .75em; }
td.cell summary { cursor: pointer; font-weight: bold; }
td.pass summary { color: #1a7f37; } td.fail summary { color: #cf222e; } td.warn summary { color: #9a6700; }
td.skip summary, td.consequence summary, td.none { color: #6e7781; }
td.fail { background: #fff5f5; } td.warn { background: #fffbea; }
td.cell small { font-weight: normal; }
td.cell p, td.cell ul { margin: .25rem 0; font-size: .85em; } td.cell ul { padding-left: 1rem; }
pre { background: #f6f8fa; padding: .4rem; font-size: .75em; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #57606a; font-size: .85em; }
dl.targets { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; }
dl.targets dt { font-weight: bold; } dl.targets dd { margin: 0; overflow-wrap: anywhere; }
figure.trend { margin: .5rem 0 1rem; max-width: 760px; }
svg.trend { display: block; width: 100%; height: auto; font-size: 11px; }
svg.trend .grid { stroke: #d0d7de; } svg.trend .axis, svg.trend .legend { fill: #57606a; }
svg.trend polyline { fill: none; stroke-width: 2; }
svg.trend .must polyline, svg.trend .must line { stroke: #cf222e; } svg.trend .must circle { fill: #cf222e; }
svg.trend .should polyline, svg.trend .should line { stroke: #9a6700; } svg.trend .should circle { fill: #9a6700; }
svg.trend .info polyline, svg.trend .info line { stroke: #0969da; } svg.trend .info circle { fill: #0969da; }
svg.trend .level line { stroke-width: 2; }
[hidden] { display: none !important; }
`

// A convenience; the page reads fine without scripts.
const script = `
(function () {
  var button = document.querySelector('[data-testid=only-disagreements]');
  if (!button) return;
  button.addEventListener('click', function () {
    var only = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(only));
    document.querySelectorAll('tr[data-disagree]').forEach(function (row) { row.hidden = only && row.getAttribute('data-disagree') !== 'true'; });
    document.querySelectorAll('[data-rows]').forEach(function (group) { group.hidden = only && !group.querySelector('tr[data-disagree=true]'); });
  });
})();
`
