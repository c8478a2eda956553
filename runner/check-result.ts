import type { RateLimitedRequest } from '../harness/http/rate-limit.js'
import type { Endpoint, Level, Requirement } from '../harness/requirements/requirement.js'
import type { CheckDependency, CheckFailureDetail } from '../harness/scenario/check-meta.js'
import type { TranscriptEntry } from '../harness/scenario/transcript.js'
import type { ExpectedOutcome } from './expectation-types.js'

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip'

/** One graded check; the `results` entries of the JSON report (docs/report-format.md). */
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
  /** Spec version that introduced the requirement (added to reports by buildRunReport). */
  since?: string
  /** The OpenAPI operationId the requirement is about. */
  endpoint?: Endpoint
  /** Whether this result alone fails the run (status, --strict and the expectations file decide). */
  failsRun?: boolean
  /** The expectations file's entry for this check, and how the run met it. */
  expected?: ExpectedOutcome
  /** How this result differs from the --baseline run's; absent when unchanged or without a baseline. */
  regression?: Regression
  /** The check whose fault kept this one from being exercised as designed, and how (see consequenceOf). */
  dependsOn?: CheckDependency
  /** The root causes this check's own failure shows: a `dependsOn` naming a `cause` counts this check as its owner only with it listed here. */
  causes?: string[]
  /**
   * The check whose failure this result follows from (one root cause, one failure): the result is
   * then 'skip', and `failure` keeps what this check saw. See runner/consequences.ts.
   */
  consequenceOf?: string
  /** Every 429 its requests got: waited out and sent again, or (with `gaveUp`) why the check was not graded. */
  rateLimited?: RateLimitedRequest[]
  /** For a check graded from other checks' exchanges: the checks to re-run with it to reproduce its failure. */
  reproduceWith?: string[]
  /**
   * How to run this check again by itself: the CLI command, and the curl of the exchange that went
   * wrong, or (`needs`) the suite's counterpart that exchange needs, which no curl stands in for.
   */
  reproduce?: { command: string; curl?: string; needs?: string }
}

/**
 * The fields every result takes from its requirement (id, title, level, spec link, the spec's
 * words), and how long the check took: what each place that records a result starts from.
 */
export function resultBase(entry: Requirement, durationMs: number): Pick<CheckResult, 'id' | 'title' | 'level' | 'spec' | 'requirement' | 'durationMs'> {
  return { id: entry.id, title: entry.title, level: entry.level, spec: entry.spec, requirement: entry.quote, durationMs }
}

export interface LevelCounts {
  pass: number
  fail: number
  warn: number
  skip: number
}

export interface Summary extends LevelCounts {
  total: number
}

export function summarize(results: readonly CheckResult[]): Summary {
  const summary: Summary = { ...emptyCounts(), total: results.length }
  for (const r of results) summary[r.status]++
  return summary
}

/** The same counts per requirement level. */
export function summarizeByLevel(results: readonly CheckResult[]): Record<Level, LevelCounts> {
  const byLevel: Record<Level, LevelCounts> = { MUST: emptyCounts(), SHOULD: emptyCounts(), INFO: emptyCounts() }
  for (const r of results) byLevel[r.level][r.status]++
  return byLevel
}

function emptyCounts(): LevelCounts {
  return { pass: 0, fail: 0, warn: 0, skip: 0 }
}

/** How a result differs from the same check's result in the --baseline run. */
export interface Regression {
  /**
   * `newly-failing`: fails the run now and did not then (or the check is new); `newly-passing`:
   * passes now and failed or warned then; `changed`: any other change of status, or a different
   * failure message.
   */
  change: 'newly-failing' | 'newly-passing' | 'changed'
  /** The baseline's result, or null when the baseline did not run the check. */
  previous: { status: CheckStatus; message?: string } | null
}
