import type { PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import type { CheckResult } from './check-result.js'

/** Told as a run goes, so the CLI can show each check as it finishes, and say what an interrupted run had done. */
export interface RunProgress {
  /**
   * Before anything runs: every check the run will grade (those graded from the whole run included), and those the expectations
   * file skips; and the ping endpoints graded when they are MSC2659's unstable ones (an appservice run learns it from its first ping).
   */
  planned(ids: readonly string[], skipped: readonly string[], dialect?: PingDialect): void
  /** The checks about to run at once. */
  started(ids: readonly string[]): void
  /** One check has finished: what it saw, before the run weighs consequences and expectations. */
  checkDone(observed: CheckResult): void
}
