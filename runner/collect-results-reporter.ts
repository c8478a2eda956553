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

  constructor(private readonly onCheckDone?: (observed: CheckResult) => void) {}

  /** Each check's result as it finishes, for the CLI's line; the whole run is graded at the end (build-run-report.ts). */
  onTestCaseResult(test: TestCase): void {
    if (!this.onCheckDone) return
    const observed = observe(test)
    if (observed) this.onCheckDone(observed.result)
  }

  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly { message?: string }[]): void {
    for (const module of testModules) {
      for (const error of module.errors()) this.problems.push({ where: module.moduleId, message: firstLine(error.message) })
      for (const test of module.children.allTests()) this.#collect(test)
    }
    for (const error of unhandledErrors) this.problems.push({ where: 'unhandled', message: firstLine(error.message ?? 'an error without a message') })
  }

  #collect(test: TestCase): void {
    const observed = observe(test)
    if (!observed) return
    // Whatever the check's verdict: every answer the suite received is validated.
    if (test.meta().responses?.length) this.responses.push({ checkId: observed.result.id, responses: test.meta().responses! })
    if (observed.problem) this.problems.push(observed.problem)
    this.results.push(observed.result)
  }
}

/** One finished check's result by its requirement's level, or a fault of the suite (then a skip, and a problem). */
function observe(test: TestCase): { result: CheckResult; problem?: HarnessProblem } | undefined {
  const meta = test.meta()
  if (!meta.checkId) return undefined
  const entry = requirement(meta.checkId)
  const result = test.result()
  const base = {
    ...resultBase(entry, Math.round(test.diagnostic()?.duration ?? 0)),
    ...(meta.transcript?.length ? { transcript: meta.transcript } : {}),
    ...(meta.dependsOn ? { dependsOn: meta.dependsOn } : {}),
    ...(meta.causes?.length ? { causes: meta.causes } : {}),
    ...(meta.rateLimited?.length ? { rateLimited: meta.rateLimited } : {}),
  }
  if (result.state === 'skipped') return { result: { ...base, status: 'skip', message: meta.skipReason ?? result.note ?? 'skipped' } }
  if (result.state !== 'failed') return { result: { ...base, status: 'pass', ...(meta.note ? { message: meta.note } : {}) } }
  const failure = meta.failure ?? { mismatches: result.errors.map((e) => firstLine(e.message)), expected: '', actual: '', harness: true }
  if (failure.harness) {
    const problem = { where: entry.id, message: failure.mismatches.join('; ') }
    return { result: { ...base, status: 'skip', message: `[harness] could not be run: ${failure.mismatches.join('; ')}`, failure }, problem }
  }
  const message = [failure.mismatches.join('; '), meta.note].filter(Boolean).join(' — ')
  return { result: { ...base, status: gradeFailure(entry.level), message, failure } }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? ''
}
