/**
 * How long a homeserver run waits for its target, all derived from --hs-timeout-ms (the
 * homeserver's own appservice timeout), so that no target — however slow, silent or dripping —
 * keeps a run going past a bound the user can compute:
 *
 *   request deadline = hsTimeout + margin        (every request to the homeserver)
 *   run deadline     = request deadline + 30 s   (from the start of the checks; no request outlives it)
 *
 * With the default 60 s that is 75 s per request and 105 s per run; with `reference` (1.5 s), 6.5 s and 36.5 s.
 */

/** How much longer than the homeserver's own timeout the suite waits before calling a ping hung. */
function timeoutMarginMs(hsTimeoutMs: number): number {
  return Math.max(5_000, Math.round(hsTimeoutMs * 0.25))
}

/** A correct homeserver answers every ping within its own appservice timeout; the suite waits that plus the margin. */
export function requestDeadlineMs(hsTimeoutMs: number): number {
  return hsTimeoutMs + timeoutMarginMs(hsTimeoutMs)
}

/**
 * Time the run grants beyond one request deadline: the other checks run alongside the timeout
 * check, and a correct homeserver answers each of them in well under a second.
 */
const runSlackMs = 30_000

/** After this long from the start of the checks, every request still waiting gives up, and later ones are not sent. */
export function runDeadlineMs(hsTimeoutMs: number): number {
  return requestDeadlineMs(hsTimeoutMs) + runSlackMs
}

/**
 * A check's own (vitest) time limit: past the run deadline, so that against a slow target the
 * requests end a check (graded as the target's failure), never the test timer (a fault of the suite).
 */
export function checkTimeoutMs(hsTimeoutMs: number): number {
  return runDeadlineMs(hsTimeoutMs) + 10_000
}
