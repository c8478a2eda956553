import { test, type TestContext } from 'vitest'
import { CheckFailure } from '../assert/check-failure'
import type { Redactor } from '../redact'
import { requirement } from '../requirements/registry'
import type { CheckDependency, CheckFailureDetail } from './check-meta'
import './check-meta'
import type { TranscriptEntry } from './transcript'

/** What any role's check context gives the declaration: redaction, the transcript, a note. */
export interface RecordingContext {
  readonly redactor: Redactor
  transcript(): TranscriptEntry[]
  readonly noteText: string | undefined
  /** Set when the check learnt that another check's fault kept it from being exercised as designed. */
  readonly dependency?: CheckDependency | undefined
}

/** Thrown by a check that cannot run against this target; the reason is reported. */
export class SkipCheck extends Error {
  override readonly name = 'SkipCheck'
}

/**
 * Declares the vitest test for one requirement, for any role: the id, level and spec link come
 * from the registry; a CheckFailure is graded by the requirement's level (in the runner), and
 * anything else thrown is reported as a fault of the suite, not of the target. The body also gets
 * vitest's test context (library use annotates warnings with it).
 */
export function declareCheck<C extends RecordingContext>(
  id: string,
  createContext: () => C,
  body: (t: C, test: TestContext) => Promise<void>,
  timeoutMs: number,
): void {
  const entry = requirement(id)
  test(`${id}: ${entry.title}`, { timeout: timeoutMs }, async (testContext) => {
    const { task, skip } = testContext
    task.meta.checkId = id
    const t = createContext()
    try {
      await body(t, testContext)
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
      if (t.dependency) task.meta.dependsOn = t.dependency
    }
  })
}

function describeFailure(error: unknown): CheckFailureDetail {
  if (error instanceof CheckFailure) return { mismatches: error.mismatches, expected: error.expected, actual: error.actual }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { mismatches: [message], expected: '(the check to run to completion)', actual: message, harness: true }
}
