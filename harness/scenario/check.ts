import { inject, test } from 'vitest'
import { CheckFailure } from '../assert/check-failure'
import { requirement } from '../requirements/registry'
import type { CheckFailureDetail } from './check-meta'
import './check-meta'
import { CheckContext } from './check-context'

export interface CheckOptions {
  /** How long the check may take, given the run (the timeout check waits for the homeserver's own timeout). */
  timeoutMs?: (run: CheckContext['run']) => number
}

/**
 * Declares the check for one requirement: a vitest test whose id, level and spec link come from
 * the registry. The body arranges the stub, pings, and matches with `must.*`; a CheckFailure is
 * graded by the requirement's level, anything else is reported as a fault of the suite.
 *
 * @example
 * check('HS-PING-OK', async (t) => {
 *   const { exchange } = await t.pingWith(respondOk)
 *   must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
 * })
 */
export function check(id: string, body: (t: CheckContext) => Promise<void>, options: CheckOptions = {}): void {
  const entry = requirement(id)
  const run = inject('conformance')
  const timeout = options.timeoutMs?.(run) ?? 30_000
  test(`${id}: ${entry.title}`, { timeout }, async ({ task, skip }) => {
    task.meta.checkId = id
    const t = new CheckContext(run, id)
    try {
      await body(t)
    } catch (error) {
      if (error instanceof SkipCheck) {
        task.meta.skipReason = error.message
        skip(error.message)
      }
      task.meta.failure = t.redactor.redactValue(describeFailure(error))
      throw error
    } finally {
      task.meta.transcript = t.transcript()
      if (t.noteText) task.meta.note = t.noteText
    }
  })
}

/** Thrown by a check that cannot run against this target; the reason is reported. */
export class SkipCheck extends Error {
  override readonly name = 'SkipCheck'
}

function describeFailure(error: unknown): CheckFailureDetail {
  if (error instanceof CheckFailure) return { mismatches: error.mismatches, expected: error.expected, actual: error.actual }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { mismatches: [message], expected: '(the check to run to completion)', actual: message, harness: true }
}
