import type { Level } from '../harness/requirements/requirement.js'
import { UsageError } from '../harness/usage-error.js'
import type { RunVerdict } from '../reports/exit-codes.js'
import type { Provenance, RunReport } from '../reports/run-report.js'
import { summarizeByLevel, type CheckStatus, type LevelCounts, type Summary } from './check-result.js'
import { scoreOf, type Score } from './level-score.js'

/**
 * One line of a --history file (JSON Lines, appended after each run): the run's summary, each
 * check's status and the report's provenance, whose secrets are already fingerprints. Enough to
 * draw a trend and find flaky checks, small enough to keep for years (about 2 kB a run).
 */
export interface HistoryEntry {
  format: 'as-ping-conformance-history'
  version: 1
  startedAt: string
  durationMs: number
  role: RunReport['role']
  target: { url: string }
  specVersion: string
  tool: { name: string; version: string }
  verdict: RunVerdict
  exitCode: number
  summary: Summary
  summaryByLevel: Record<Level, LevelCounts>
  /** Check id → status. */
  checks: Record<string, CheckStatus>
  provenance?: Provenance
}

export function historyEntry(report: RunReport): HistoryEntry {
  return {
    format: 'as-ping-conformance-history',
    version: 1,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    role: report.role,
    target: { url: report.target.url },
    specVersion: report.specVersion,
    tool: report.tool,
    verdict: report.verdict,
    exitCode: report.exitCode,
    summary: report.summary,
    summaryByLevel: report.summaryByLevel ?? summarizeByLevel(report.results),
    checks: Object.fromEntries(report.results.map((r) => [r.id, r.status])),
    ...(report.provenance ? { provenance: report.provenance } : {}),
  }
}

/** The line to append: one JSON object, no line break inside. */
export function historyLine(report: RunReport): string {
  return `${JSON.stringify(historyEntry(report))}\n`
}

/** Reads a --history file; a line that is not a history entry is refused with its number. */
export function parseHistory(text: string, source: string): HistoryEntry[] {
  const entries: HistoryEntry[] = []
  const lines = text.split('\n')
  lines.forEach((line, index) => {
    if (!line.trim()) return
    const where = `${source} line ${index + 1}`
    let data: unknown
    try {
      data = JSON.parse(line)
    } catch {
      throw new UsageError(`${where} is not JSON`, 'pass a file written by --history FILE.jsonl (one JSON object a line)')
    }
    if (!isEntry(data)) throw new UsageError(`${where} is not an as-ping-conformance history entry`, 'pass a file written by --history FILE.jsonl')
    entries.push(data)
  })
  return entries
}

function isEntry(x: unknown): x is HistoryEntry {
  // Untrusted JSON: every field read below is checked for its shape first.
  const e = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>
  const byLevel = (isObject(e.summaryByLevel) ? e.summaryByLevel : {}) as Record<string, unknown>
  return (
    e.format === 'as-ping-conformance-history' &&
    e.version === 1 &&
    typeof e.startedAt === 'string' &&
    (e.role === 'homeserver' || e.role === 'appservice') &&
    isObject(e.checks) &&
    levels.every((level) => isObject(byLevel[level]) && typeof (byLevel[level] as Record<string, unknown>).pass === 'number')
  )
}

function isObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null
}

/** One run on the trend: its scores per level. */
export interface TrendPoint {
  startedAt: string
  verdict: RunVerdict
  scores: Record<Level, Score>
}

/** The runs of one role, oldest first (a history file holds one target's runs; `reference` appends one of each role). */
export interface TrendSeries {
  role: RunReport['role']
  points: TrendPoint[]
}

/** A check whose graded status (pass, fail, warn) changed more than once between the runs that graded it. */
export interface FlakyCheck {
  id: string
  role: RunReport['role']
  flips: number
  /** Its statuses, oldest first, skips left out. */
  statuses: CheckStatus[]
}

export interface HistoryTrend {
  runs: number
  series: TrendSeries[]
  flaky: FlakyCheck[]
}

const levels: readonly Level[] = ['MUST', 'SHOULD', 'INFO']

/**
 * The trend per role and level, and the flaky checks. A skip is not a result (the check was not
 * run, or a consequence), so it neither breaks nor makes a flip: pass, skip, pass is steady.
 */
export function historyTrend(entries: readonly HistoryEntry[]): HistoryTrend {
  // Sorted by start, stably: files appended by parallel jobs may be out of order.
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.startedAt.localeCompare(b.e.startedAt) || a.i - b.i)
  const series: TrendSeries[] = []
  const flaky: FlakyCheck[] = []
  for (const role of ['homeserver', 'appservice'] as const) {
    const runs = sorted.map(({ e }) => e).filter((e) => e.role === role)
    if (!runs.length) continue
    series.push({
      role,
      points: runs.map((e) => ({
        startedAt: e.startedAt,
        verdict: e.verdict,
        scores: Object.fromEntries(levels.map((level) => [level, scoreOf(e.summaryByLevel[level])])) as Record<Level, Score>,
      })),
    })
    const ids = [...new Set(runs.flatMap((e) => Object.keys(e.checks)))]
    for (const id of ids) {
      const statuses = runs.flatMap((e) => {
        const status = e.checks[id]
        return status && status !== 'skip' ? [status] : []
      })
      const flips = statuses.filter((s, i) => i > 0 && s !== statuses[i - 1]).length
      if (flips > 1) flaky.push({ id, role, flips, statuses })
    }
  }
  return { runs: sorted.length, series, flaky }
}
