import type { Level } from '../harness/requirements/requirement'
import type { CheckFailureDetail } from '../harness/scenario/check-meta'
import type { TranscriptEntry } from '../harness/scenario/transcript'

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

/** One graded check; the `results` entries of the JSON report. */
export interface CheckResult {
  id: string
  title: string
  level: Level
  status: CheckStatus
  /** Link to the spec section. */
  spec: string
  /** Why, when not pass; for INFO checks and some passes, what the target chose. */
  message?: string
  /** The requirement in the spec's words. */
  requirement: string
  durationMs: number
  failure?: CheckFailureDetail
  transcript?: TranscriptEntry[]
}

export interface Summary {
  pass: number
  fail: number
  warn: number
  skip: number
  total: number
}

export function summarize(results: readonly CheckResult[]): Summary {
  const summary: Summary = { pass: 0, fail: 0, warn: 0, skip: 0, total: results.length }
  for (const r of results) summary[r.status]++
  return summary
}
