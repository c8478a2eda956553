import type { RateLimitedRequest } from '../http/rate-limit.js'
import type { ObservedResponse } from './observed-response.js'
import type { TranscriptEntry } from './transcript.js'

/** How a check ended, beyond vitest's own state; carried to the runner in the test's meta. */
export interface CheckFailureDetail {
  mismatches: string[]
  expected: string
  actual: string
  /** The suite itself failed (a bug or an unusable environment), not the target. */
  harness?: boolean
  /** Which transcript entry is the exchange that went wrong, when the check said (the reports offer its repro). */
  exchangeIndex?: number
  /** Which of the target's hops in that exchange went wrong, when the check said (the HTML report marks it). */
  hop?: FailedHop
}

/**
 * `answer`: the target's answer (a homeserver's to the suite's ping, an appservice's to a ping);
 * `call`: a call the target made (a homeserver's call to the appservice, an appservice's own ping).
 */
export type FailedHop = 'answer' | 'call'

/** "If `checkId` fails, my failure is its consequence", with why, in words for the report. */
export interface CheckDependency {
  checkId: string
  reason: string
  /** Other checks that would own the fault as well: the first of checkId and these that failed does. */
  orAnyOf?: readonly string[]
  /**
   * The root cause the owner's failure must show (its result's `causes`) to own this one, e.g.
   * 'unstable-errcode-spelling': an owner that failed for another reason explains nothing here.
   */
  cause?: string
}

declare module '@vitest/runner' {
  interface TaskMeta {
    checkId?: string
    failure?: CheckFailureDetail
    transcript?: TranscriptEntry[]
    /** What the target chose, for INFO-graded behaviour and for context on passes. */
    note?: string
    skipReason?: string
    /**
     * The check could not be exercised as designed because of a fault another check owns: when that
     * check fails, this check's result, pass or fail, is reported as its consequence (runner/consequences.ts).
     */
    dependsOn?: CheckDependency
    /** The root causes the check's own failure shows, which a dependency's `cause` asks of its owner. */
    causes?: string[]
    /** Every 429 the check's requests got, waited out or not (harness/http/rate-limit.ts). */
    rateLimited?: RateLimitedRequest[]
    /** Every answer of the homeserver's ping endpoint the check received, unredacted: for the runner's schema check only. */
    responses?: ObservedResponse[]
  }
}
