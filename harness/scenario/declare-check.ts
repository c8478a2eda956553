import { test, type TestContext } from 'vitest'
import { CheckFailure } from '../assert/check-failure.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import type { RateLimitLog } from '../http/rate-limit.js'
import type { Redactor } from '../redact.js'
import { requirement } from '../requirements/registry.js'
import type { Need } from '../requirements/requirement.js'
import type { CheckDependency, CheckFailureDetail } from './check-meta.js'
import type { ObservedResponse } from './observed-response.js'
import './check-meta.js'
import type { TranscriptEntry } from './transcript.js'

/** What any role's check context gives the declaration: redaction, the transcript, a note. */
export interface RecordingContext {
  readonly redactor: Redactor
  transcript(): TranscriptEntry[]
  /** The transcript entry of one of the check's exchanges (undefined if it kept none for it). */
  entryOf(exchange: HttpExchange): number | undefined
  readonly noteText: string | undefined
  /** Set when the check learnt that another check's fault kept it from being exercised as designed. */
  readonly dependency?: CheckDependency | undefined
  /** The root causes its failure showed (CheckContext.showCause), for the dependencies that name one. */
  readonly causes?: readonly string[]
  /** The 429s its requests got. */
  readonly rateLimits: RateLimitLog
  /** The answers of the homeserver's ping endpoint it received, which the runner validates (HS-PING-RESPONSE-SCHEMA). */
  responses?(): ObservedResponse[]
}

/** Thrown by a check that cannot run against this target; the reason is reported. */
export class SkipCheck extends Error {
  override readonly name = 'SkipCheck'
}

/**
 * Declares the vitest test for one requirement, for any role: the id, level and spec link come
 * from the registry; a CheckFailure is graded by the requirement's level (in the runner), and
 * anything else thrown is reported as a fault of the suite, not of the target. The body also gets
 * vitest's test context (library use annotates warnings with it). A check whose declared needs
 * the run does not meet (`missing` says why) is skipped with that reason, before its body runs.
 */
export function declareCheck<C extends RecordingContext>(
  id: string,
  createContext: () => C,
  body: (t: C, test: TestContext) => Promise<void>,
  timeoutMs: number,
  missing: (need: Need) => string | undefined = () => undefined,
): void {
  const entry = requirement(id)
  const unmet = entry.needs?.map(missing).find((reason) => reason !== undefined)
  test(`${id}: ${entry.title}`, { timeout: timeoutMs }, async (testContext) => {
    const { task, skip } = testContext
    task.meta.checkId = id
    const t = createContext()
    try {
      if (unmet) throw new SkipCheck(unmet)
      await unlessRateLimited(() => body(t, testContext), t.rateLimits)
    } catch (error) {
      if (error instanceof SkipCheck) {
        task.meta.skipReason = error.message
        skip(error.message)
      }
      task.meta.failure = t.redactor.redactValue(describeFailure(error, t))
      throw error
    } finally {
      task.meta.transcript = t.transcript()
      if (t.noteText) task.meta.note = t.noteText
      if (t.dependency) task.meta.dependsOn = t.dependency
      if (t.causes?.length) task.meta.causes = [...t.causes]
      const responses = t.responses?.()
      if (responses?.length) task.meta.responses = responses
      if (t.rateLimits.requests.length) task.meta.rateLimited = t.redactor.redactValue(t.rateLimits.requests)
    }
  })
}

function describeFailure(error: unknown, t: RecordingContext): CheckFailureDetail {
  if (error instanceof CheckFailure) {
    const exchangeIndex = error.exchange && t.entryOf(error.exchange)
    return {
      mismatches: error.mismatches,
      expected: error.expected,
      actual: error.actual,
      ...(exchangeIndex === undefined ? {} : { exchangeIndex }),
      ...(error.hop ? { hop: error.hop } : {}),
    }
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { mismatches: [message], expected: '(the check to run to completion)', actual: message, harness: true }
}

/**
 * A 429 the suite gave up waiting out is no answer to grade, whatever the body made of it (a
 * failed status match, or a pass of "any 4xx"): the check is skipped, saying "rate-limited: …".
 * A skip rather than a harness problem (exit 2): the other checks' verdicts still stand, the
 * throttling is the target's traffic policy and not a fault of the suite, and the skip keeps its
 * reason in every report, as a check skipped for a missing --user-token does.
 */
export async function unlessRateLimited(run: () => Promise<void>, rateLimits: RateLimitLog): Promise<void> {
  let failed = false
  let failure: unknown
  try {
    await run()
  } catch (error) {
    failed = true
    failure = error
  }
  // A fault of the suite stays one, 429 or not: only a verdict (or a skip) gives way to the rate limit.
  if (failed && !(failure instanceof CheckFailure) && !(failure instanceof SkipCheck)) throw failure
  const reason = rateLimits.unanswered()
  if (reason) throw new SkipCheck(reason)
  if (failed) throw failure
}
