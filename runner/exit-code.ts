import type { CheckResult } from './check-result.js'
import type { HarnessProblem } from './harness-problem.js'
import { ExitCode, type RunVerdict } from '../reports/exit-codes.js'

// The codes belong to the report's model (the renderers name them); the rules that pick one live here.
export { ExitCode }

/** What fails a run: every failing result (`any`, the default), or only those the --baseline run did not have. */
export type FailOn = 'any' | 'regressions'

/**
 * Whether one result fails the run: a failed MUST check (a warned SHOULD check under --strict),
 * unless the expectations file expects it; or an expected failure that passed; or an expired entry.
 */
export function failsRun(result: Pick<CheckResult, 'status' | 'expected'>, strict: boolean): boolean {
  const verdict = result.expected?.verdict
  if (verdict === 'unexpected-pass' || verdict === 'expired') return true
  if (verdict === 'as-expected' || verdict === 'not-run') return false
  return result.status === 'fail' || (strict && result.status === 'warn')
}

/** The run's exit code, from results already marked with failsRun (and regression, when a baseline was given). */
export function runExitCode(results: readonly CheckResult[], problems: readonly HarnessProblem[], options: { failOn: FailOn; hasBaseline: boolean }): number {
  if (problems.length) return ExitCode.unusable
  const counted = results.filter((r) => r.failsRun)
  // Without a baseline every failure is new: --fail-on regressions then fails on any.
  const failing = options.failOn === 'regressions' && options.hasBaseline ? counted.filter((r) => r.regression?.change === 'newly-failing') : counted
  return failing.length ? ExitCode.nonConforming : ExitCode.conforms
}

/** The run's verdict beside its exit code (see RunVerdict), from the same results and options. */
export function runVerdict(exitCode: number, results: readonly CheckResult[], options: { failOn: FailOn; hasBaseline: boolean }): RunVerdict {
  if (exitCode === ExitCode.unusable) return 'no-verdict'
  const regressionsOnly = options.failOn === 'regressions' && options.hasBaseline
  if (exitCode === ExitCode.conforms) return regressionsOnly && results.some((r) => r.failsRun) ? 'no-regressions' : 'conforms'
  return regressionsOnly ? 'regressed' : 'does-not-conform'
}
