import type { CellOutcome, CompareGroup, CompareRow } from '../runner/compare-reports.js'
import type { Score } from '../runner/level-score.js'

/** The words the comparison's renderings share (HTML, Markdown), so they never disagree. */

export const outcomeWords: Readonly<Record<CellOutcome, string>> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', consequence: 'CONSEQUENCE' }

/** "24/25" passed of graded; "–" when the target graded none. */
export function scoreText(score: Score): string {
  return score.graded ? `${score.passed}/${score.graded}` : '–'
}

export function groupHeading(group: CompareGroup, rows = group.rows.length): string {
  if (group.kind === 'disagreements') return `Where the targets disagree (${rows})`
  return `${group.endpointTitle ?? group.endpoint ?? ''} · ${group.level ?? ''} (${rows})`
}

/** Why a cell says what it says, in one line (empty for a pass with nothing to add). */
export function cellLine(row: CompareRow, index: number): string {
  const cell = row.cells[index]
  if (!cell) return 'not run by this target'
  const r = cell.result
  if (cell.outcome === 'consequence') return `not graded: follows from ${r.consequenceOf ?? 'another check'}${r.message ? ` (${r.message})` : ''}`
  return r.message ?? ''
}

export function flakyText(statuses: readonly string[], flips: number): string {
  return `flaky: ${flips} flips in ${statuses.length} graded runs (${statuses.join(' → ')})`
}
