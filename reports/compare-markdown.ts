import type { Level } from '../harness/requirements/requirement.js'
import type { CellOutcome, Comparison, CompareTarget } from '../runner/compare-reports.js'
import { cellLine, flakyText, groupHeading, outcomeWords, scoreText } from './compare-wording.js'

const levels: readonly Level[] = ['MUST', 'SHOULD', 'INFO']
const icons: Readonly<Record<CellOutcome, string>> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', consequence: '↪️' }
/** A job summary shows this many runs of the history; the HTML page draws them all. */
const historyRows = 10

/**
 * The comparison for a CI job summary: the scores per target and level, a table per endpoint and
 * level with a column per target, each disagreeing row's messages in a collapsed <details>, and
 * with a history, the last runs' scores and the flaky checks.
 */
export function renderCompareMarkdown(comparison: Comparison): string {
  const { targets } = comparison
  const out: string[] = [`## as-ping-conformance: ${targets.length ? `${targets.length} target${targets.length === 1 ? '' : 's'} compared` : 'history'}`, '']
  if (targets.length) {
    out.push(`${comparison.rowCount} checks; the targets disagree on ${comparison.disagreements}.`, '')
    out.push(`| Passed of graded | ${targets.map((t) => cell(t.label)).join(' | ')} |`, `|---|${targets.map(() => '---:').join('|')}|`)
    for (const level of levels) out.push(`| ${level} | ${targets.map((t) => scoreText(t.scores[level])).join(' | ')} |`)
    out.push(`| **All** | ${targets.map((t) => `**${scoreText(t.total)}**`).join(' | ')} |`, `| Verdict | ${targets.map((t) => t.verdict).join(' | ')} |`, '')
    out.push(
      `_${Object.entries(icons)
        .map(([k, v]) => `${v} ${outcomeWords[k as CellOutcome].toLowerCase()}`)
        .join(', ')}, — not run; skips are not graded._`,
      '',
    )
  }
  for (const group of comparison.groups) {
    out.push(`### ${group.kind === 'disagreements' ? groupHeading(group) : `\`${groupHeading(group)}\``}`, '')
    out.push(`| Check | ${targets.map((t) => cell(t.label)).join(' | ')} |`, `|---|${targets.map(() => ':---:').join('|')}|`)
    for (const row of group.rows) {
      const marks = row.cells.map((c) => (c ? icons[c.outcome] : '—'))
      out.push(`| ${row.disagree ? '**≠** ' : ''}[\`${row.id}\`](${row.spec})${row.flaky ? ' _flaky_' : ''} | ${marks.join(' | ')} |`)
    }
    out.push('')
  }
  const disagreeing = comparison.groups.flatMap((g) => g.rows).filter((r) => r.disagree)
  if (disagreeing.length) {
    out.push('<details><summary>What each target got where they disagree</summary>', '')
    for (const row of disagreeing) {
      out.push(`- \`${row.id}\` ${cell(row.title)}`)
      targets.forEach((t: CompareTarget, i) => {
        const c = row.cells[i]
        const line = cellLine(row, i)
        out.push(`  - ${cell(t.label)}: ${c ? `${icons[c.outcome]} ${outcomeWords[c.outcome]}` : '—'}${line ? ` ${cell(line)}` : ''}`)
      })
    }
    out.push('', '</details>', '')
  }
  if (comparison.history) {
    const h = comparison.history
    out.push(`### History (${h.runs} runs)`, '')
    for (const s of h.series) {
      const shown = s.points.slice(-historyRows)
      out.push(
        `**${s.role}**, the last ${shown.length} of ${s.points.length} runs:`,
        '',
        '| Run | Verdict | MUST | SHOULD | INFO |',
        '|---|---|---:|---:|---:|',
      )
      for (const p of shown) out.push(`| ${p.startedAt} | ${p.verdict} | ${levels.map((l) => scoreText(p.scores[l])).join(' | ')} |`)
      out.push('')
    }
    out.push(h.flaky.length ? '**Flaky checks:**' : 'No check flipped more than once.', '')
    for (const f of h.flaky) out.push(`- \`${f.id}\` (${f.role}): ${cell(flakyText(f.statuses, f.flips))}`)
    if (h.flaky.length) out.push('')
  }
  return out.join('\n')
}

function cell(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
