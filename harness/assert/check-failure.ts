import type { HttpExchange } from '../clients/http-exchange.js'
import type { FailedHop } from '../scenario/check-meta.js'

/**
 * The target did not do what the requirement says. Thrown by `must.*`; the check's level decides
 * whether it fails the run (MUST) or warns (SHOULD). Everything else thrown by a check is a suite bug.
 */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure'
  constructor(
    /** Every mismatch, not only the first (one line each). */
    readonly mismatches: string[],
    readonly expected: string,
    readonly actual: string,
    /** The exchange that went wrong, when one did: its repro is the one a report offers (not the check's first, often passing, one). */
    readonly exchange?: HttpExchange,
    /** Which of the target's hops went wrong: its answer, or a call it made. */
    readonly hop?: FailedHop,
    /**
     * Its answers' only fault is MSC2659's unstable errcode spelling (FI.MAU.MSC2659_…) on the spec's
     * v1 path: one root cause, which one check owns (harness/scenario/unstable-errcode-spelling.ts).
     */
    readonly onlyUnstableErrcodes = false,
  ) {
    super(mismatches.join('; '))
  }
}
