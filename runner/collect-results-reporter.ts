import type { Reporter, TestCase, TestModule } from 'vitest/node'
import { requirement } from '../harness/requirements/registry.js'
import '../harness/scenario/check-meta.js'
import type { CheckResponses } from '../harness/scenario/observed-response.js'
import { resultBase, type CheckResult } from './check-result.js'
import type { HarnessProblem } from './harness-problem.js'
import { gradeFailure } from './grade.js'

/**
 * Turns vitest's test results into graded check results. Only this reporter is installed, so
 * vitest itself prints nothing; rendering is the CLI's job.
 */
export class CollectResultsReporter implements Reporter {
  readonly results: CheckResult[] = []
  readonly problems: HarnessProblem[] = []
  /** The answers each check received, for the checks graded after the run (post-run-checks.ts). */
  readonly responses: CheckResponses[] = []

  constructor(private readonly onCheckDone?: (id: string) => void) {}

  /** Progress while the run lasts; grading waits for the end. */
  onTestCaseResult(test: TestCase): void {
    const id = test.meta().checkId ?? test.name.split(':')[0]
    if (id) this.onCheckDone?.(id)
  }

  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly { message?: string }[]): void {
    for (const module of testModules) {
      for (const error of module.errors()) this.problems.push({ where: module.moduleId, message: firstLine(error.message) })
      for (const test of module.children.allTests()) this.#collect(test)
    }
    for (const error of unhandledErrors) this.problems.push({ where: 'unhandled', message: firstLine(error.message ?? 'an error without a message') })
  }

  #collect(test: TestCase): void {
    const meta = test.meta()
    if (!meta.checkId) return
    const entry = requirement(meta.checkId)
    // Whatever the check's verdict: every answer the suite received is validated.
    if (meta.responses?.length) this.responses.push({ checkId: entry.id, responses: meta.responses })
    const result = test.result()
    const base = {
      ...resultBase(entry, Math.round(test.diagnostic()?.duration ?? 0)),
      ...(meta.transcript?.length ? { transcript: meta.transcript } : {}),
      ...(meta.dependsOn ? { dependsOn: meta.dependsOn } : {}),
      ...(meta.rateLimited?.length ? { rateLimited: meta.rateLimited } : {}),
    }
    if (result.state === 'skipped') {
      this.results.push({ ...base, status: 'skip', message: meta.skipReason ?? result.note ?? 'skipped' })
      return
    }
    if (result.state !== 'failed') {
      this.results.push({ ...base, status: 'pass', ...(meta.note ? { message: meta.note } : {}) })
      return
    }
    const failure = meta.failure ?? { mismatches: result.errors.map((e) => firstLine(e.message)), expected: '', actual: '', harness: true }
    if (failure.harness) {
      this.problems.push({ where: entry.id, message: failure.mismatches.join('; ') })
      this.results.push({ ...base, status: 'skip', message: `[harness] could not be run: ${failure.mismatches.join('; ')}`, failure })
      return
    }
    const status = gradeFailure(entry.level)
    const message = [failure.mismatches.join('; '), meta.note].filter(Boolean).join(' — ')
    this.results.push({ ...base, status, message, failure })
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}
