import type { CheckResult, Regression } from './check-result.js'
import { failsRun } from './exit-code.js'

/** What the run's results are compared with: the baseline report's results and its --strict. */
export interface BaselineRun {
  strict: boolean
  results: readonly Pick<CheckResult, 'id' | 'status' | 'message' | 'failsRun' | 'expected'>[]
}

export interface BaselineDiff {
  results: CheckResult[]
  newlyFailing: string[]
  newlyPassing: string[]
  changed: string[]
  /** Checks the baseline ran and this run did not. */
  missing: string[]
}

/** Compares results already marked with failsRun against the baseline; sets each result's `regression`. */
export function diffAgainstBaseline(results: readonly CheckResult[], baseline: BaselineRun): BaselineDiff {
  const before = new Map(baseline.results.map((r) => [r.id, r]))
  const diff: BaselineDiff = { results: [], newlyFailing: [], newlyPassing: [], changed: [], missing: [] }
  for (const result of results) {
    const { regression: _old, ...r } = result
    const prev = before.get(r.id)
    const change = changeOf(r, prev, baseline.strict)
    if (!change) {
      diff.results.push(r)
      continue
    }
    const previous = prev ? { status: prev.status, ...(prev.message ? { message: prev.message } : {}) } : null
    diff.results.push({ ...r, regression: { change, previous } })
    diff[change === 'newly-failing' ? 'newlyFailing' : change === 'newly-passing' ? 'newlyPassing' : 'changed'].push(r.id)
  }
  const now = new Set(results.map((r) => r.id))
  diff.missing = baseline.results.filter((r) => !now.has(r.id)).map((r) => r.id)
  return diff
}

function changeOf(r: CheckResult, prev: BaselineRun['results'][number] | undefined, baselineStrict: boolean): Regression['change'] | undefined {
  // Reports written before failsRun existed: recompute it from the status.
  const prevFails = prev ? (prev.failsRun ?? failsRun(prev, baselineStrict)) : false
  if (r.failsRun && !prevFails) return 'newly-failing'
  if (!prev) return undefined
  if (r.status === 'pass' && (prev.status === 'fail' || prev.status === 'warn')) return 'newly-passing'
  if (r.status !== prev.status) return 'changed'
  if (r.status !== 'pass' && normalize(r.message) !== normalize(prev.message)) return 'changed'
  return undefined
}

/** Run ids and timings differ from run to run without anything having changed. */
function normalize(message: string | undefined): string {
  return (message ?? '').replace(/asp-[0-9a-f]{8}/g, 'asp-…').replace(/\d+(\.\d+)? ?ms\b/g, '… ms')
}
