import type { Endpoint, Level } from '../harness/requirements/requirement.js'
import type { RunReport } from '../reports/run-report.js'
import type { RunVerdict } from '../reports/exit-codes.js'
import { summarize, summarizeByLevel, type CheckResult, type CheckStatus } from './check-result.js'
import { scoreOf, type Score } from './level-score.js'
import type { FlakyCheck, HistoryTrend } from './run-history.js'

/** What a cell shows: the result's status, or `consequence` for a skip that follows from another check's failure. */
export type CellOutcome = CheckStatus | 'consequence'

/** One report as a column. */
export interface CompareTarget {
  label: string
  file: string
  role: RunReport['role']
  url: string
  specVersion: string
  startedAt: string
  toolVersion: string
  verdict: RunVerdict
  /** Passed of graded, per level and overall. */
  scores: Record<Level, Score>
  total: Score
}

export interface CompareCell {
  outcome: CellOutcome
  result: CheckResult
}

/** One check as a row: a cell per target, undefined where that target did not run the check. */
export interface CompareRow {
  id: string
  title: string
  level: Level
  endpoint: Endpoint
  spec: string
  cells: (CompareCell | undefined)[]
  /** The targets that ran the check did not all get the same outcome. */
  disagree: boolean
  /** From the history: the check's graded status changed more than once. */
  flaky?: FlakyCheck
}

export interface CompareGroup {
  /** `disagreements` (first, with --disagreements-first), or the checks of one endpoint and level. */
  kind: 'disagreements' | 'endpoint-level'
  endpoint?: Endpoint
  /** The endpoint's method and path, as the reports title it. */
  endpointTitle?: string
  level?: Level
  rows: CompareRow[]
}

export interface Comparison {
  targets: CompareTarget[]
  groups: CompareGroup[]
  rowCount: number
  disagreements: number
  history?: HistoryTrend
}

const levels: readonly Level[] = ['MUST', 'SHOULD', 'INFO']

function cellOutcome(result: CheckResult): CellOutcome {
  return result.status === 'skip' && result.consequenceOf ? 'consequence' : result.status
}

/**
 * Reports of different targets side by side: the checks as rows, grouped by endpoint and level in
 * the order the reports list them; with `disagreementsFirst`, the rows where the targets that ran
 * a check got different outcomes come first, in a group of their own.
 */
export function compareReports(
  reports: readonly { label: string; file: string; report: RunReport }[],
  options: { disagreementsFirst?: boolean; history?: HistoryTrend } = {},
): Comparison {
  const targets = reports.map(({ label, file, report }) => target(label, file, report))
  const byId = reports.map(({ report }) => new Map(report.results.map((r) => [r.id, r])))
  const endpointTitles = new Map<Endpoint, string>()
  for (const { report } of reports)
    for (const [k, v] of Object.entries(report.endpoints ?? {})) if (!endpointTitles.has(k as Endpoint)) endpointTitles.set(k as Endpoint, v)
  const flaky = new Map((options.history?.flaky ?? []).map((f) => [f.id, f]))

  const ids = [...new Set(reports.flatMap(({ report }) => report.results.map((r) => r.id)))]
  const rows = ids.map((id): CompareRow => {
    const cells = byId.map((results) => {
      const result = results.get(id)
      return result ? { outcome: cellOutcome(result), result } : undefined
    })
    const first = cells.find((c) => c !== undefined)!.result
    const outcomes = new Set(cells.flatMap((c) => (c ? [c.outcome] : [])))
    const f = flaky.get(id)
    return {
      id,
      title: first.title,
      level: first.level,
      endpoint: first.endpoint ?? 'pingAppservice',
      spec: first.spec,
      cells,
      disagree: outcomes.size > 1,
      ...(f ? { flaky: f } : {}),
    }
  })

  const first = options.disagreementsFirst ? rows.filter((r) => r.disagree) : []
  const rest = rows.filter((r) => !first.includes(r))
  const groups: CompareGroup[] = first.length ? [{ kind: 'disagreements', rows: first }] : []
  for (const endpoint of [...new Set(rest.map((r) => r.endpoint))]) {
    for (const level of levels) {
      const inGroup = rest.filter((r) => r.endpoint === endpoint && r.level === level)
      const title = endpointTitles.get(endpoint)
      if (inGroup.length) groups.push({ kind: 'endpoint-level', endpoint, ...(title ? { endpointTitle: title } : {}), level, rows: inGroup })
    }
  }
  return {
    targets,
    groups,
    rowCount: rows.length,
    disagreements: rows.filter((r) => r.disagree).length,
    ...(options.history ? { history: options.history } : {}),
  }
}

function target(label: string, file: string, report: RunReport): CompareTarget {
  // Counted from the results, not summaryByLevel: reports before 0.3 have none.
  const byLevel = summarizeByLevel(report.results)
  return {
    label,
    file,
    role: report.role,
    url: report.target.url,
    specVersion: report.specVersion,
    startedAt: report.startedAt,
    toolVersion: report.tool.version,
    verdict: report.verdict,
    scores: { MUST: scoreOf(byLevel.MUST), SHOULD: scoreOf(byLevel.SHOULD), INFO: scoreOf(byLevel.INFO) },
    total: scoreOf(summarize(report.results)),
  }
}
