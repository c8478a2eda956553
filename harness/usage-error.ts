/**
 * A problem with what the user gave us (flags, config, registration files, an unusable target).
 * The CLI prints it as one line with its remedy and exits 2; it never shows a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    /** One line telling the user what to do about it. */
    readonly remedy: string,
  ) {
    super(message)
  }
}

/** A failure of the suite's own machinery (not of the target). Also exit 2. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError'
}
