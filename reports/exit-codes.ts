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
