import { UsageError } from '../harness/usage-error.js'
import type { RunReport } from '../reports/run-report.js'
import { runVerdict } from './exit-code.js'

/**
 * Reads a JSON report written by this tool (any release: version 1 only adds fields), for
 * --baseline and merge. Checks the envelope, not every field: older reports lack the newer ones.
 */
export function parseRunReport(text: string, source: string): RunReport {
  const fix = 'pass a file written by --report json=FILE'
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`${source} is not JSON`, fix)
  }
  const r = data as Partial<RunReport> | null
  if (!r || typeof r !== 'object' || r.format !== 'as-ping-conformance-report') throw new UsageError(`${source} is not an as-ping-conformance report`, fix)
  if (r.version !== 1)
    throw new UsageError(`${source} is report version ${String(r.version)}; this tool reads version 1`, 'use the as-ping-conformance release that wrote it')
  if (!Array.isArray(r.results) || !(r.results as unknown[]).every(isResultLike)) throw new UsageError(`${source} has no valid results list`, fix)
  if (!Array.isArray(r.problems) || typeof r.startedAt !== 'string' || typeof r.durationMs !== 'number' || !r.target || !r.tool)
    throw new UsageError(`${source} lacks the fields of a run report`, fix)
  const report = r as RunReport
  // Before 0.4 the verdict was not recorded: decided again from what was.
  if (typeof report.verdict !== 'string')
    report.verdict = runVerdict(report.exitCode, report.results, { failOn: report.failOn ?? 'any', hasBaseline: Boolean(report.baseline) })
  return report
}

/** The least a result of any release has; the file is untrusted JSON until this holds. */
function isResultLike(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as { id?: unknown }).id === 'string' && typeof (x as { status?: unknown }).status === 'string'
}
