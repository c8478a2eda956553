/** Told as checks start and finish, so the CLI can show that a long wait (the homeserver's own timeout) is progress. */
export interface RunProgress {
  /** The checks about to run. */
  started(ids: readonly string[]): void
  /** One check has finished (in whatever state). */
  checkDone(id: string): void
}
