/**
 * The exit codes a run ends with and its report records (`exitCode`), as the README documents
 * them. Part of the report's model, so the renderers can name the verdict without importing the
 * runner that decides it (runner/exit-code.ts).
 */
export const ExitCode = {
  /** Nothing failed the run (see failsRun; with --fail-on regressions, nothing newly failed). */
  conforms: 0,
  /** A MUST check failed, a SHOULD check warned under --strict, or the expectations file was contradicted. */
  nonConforming: 1,
  /** The run could not be done: bad flags or config, unreachable or unsuitable target, or a suite fault. */
  unusable: 2,
} as const

/**
 * The run at a glance, decided with the exit code (runner/exit-code.ts `runVerdict`): with
 * `--fail-on regressions` and a baseline, exit 0 may still leave old failures ('no-regressions')
 * and exit 1 means new ones ('regressed').
 */
export type RunVerdict = 'conforms' | 'no-regressions' | 'regressed' | 'does-not-conform' | 'no-verdict'
