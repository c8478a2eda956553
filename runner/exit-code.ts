import type { CheckResult } from './check-result'

/** The exit codes the CLI documents. */
export const ExitCode = {
  /** No MUST check failed (and, with --strict, no SHOULD check warned). */
  conforms: 0,
  /** A MUST check failed, or a SHOULD check warned under --strict. */
  nonConforming: 1,
  /** The run could not be done: bad flags or config, unreachable or unsuitable target, or a suite fault. */
  unusable: 2,
} as const

export function exitCodeFor(results: readonly CheckResult[], options: { strict: boolean }): number {
  const failed = results.some((r) => r.status === 'fail' || (options.strict && r.status === 'warn'))
  return failed ? ExitCode.nonConforming : ExitCode.conforms
}
