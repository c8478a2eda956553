import { checkTimeoutMs } from '../deadlines.js'
import type { Need } from '../requirements/requirement.js'
import type { HomeserverRunContext } from '../run-context.js'
import { CheckContext } from './check-context.js'
import { declareCheck } from './declare-check.js'
import { leaveUnstableErrcodesToOwner } from './unstable-errcode-spelling.js'

export { SkipCheck } from './declare-check.js'

export interface CheckOptions {
  /** How long the check may take, given the run; by default past the run's deadline (harness/deadlines.ts). */
  timeoutMs?: (run: HomeserverRunContext) => number
}

/** One homeserver check: what a file in suites/homeserver/ exports; the runner declares it against the run. */
export interface CheckDefinition {
  id: string
  body: (t: CheckContext) => Promise<void>
  options: CheckOptions
}

/**
 * Defines the homeserver check for one requirement. The body arranges the stub appservice,
 * pings, and matches with `must.*`. Defining declares nothing: the runner's entry module does
 * (declareHomeserverCheck), so importing a check file has no side effects.
 *
 * @example
 * export default check('HS-PING-OK', async (t) => {
 *   const { exchange } = await t.pingWith(respondOk)
 *   must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
 * })
 */
export function check(id: string, body: CheckDefinition['body'], options: CheckOptions = {}): CheckDefinition {
  return { id, body, options }
}

/** Declares a homeserver check as a vitest test against this run; a failure only in errcode spelling is left to its owner. */
export function declareHomeserverCheck(definition: CheckDefinition, run: HomeserverRunContext): void {
  const { id, body, options } = definition
  declareCheck(
    id,
    () => new CheckContext(run, id),
    leaveUnstableErrcodesToOwner(id, body),
    options.timeoutMs?.(run) ?? checkTimeoutMs(run.hsTimeoutMs),
    homeserverNeedMissing(run),
  )
}

/** Why this run cannot give a check what it declared it needs; every other need every run meets. */
function homeserverNeedMissing(run: HomeserverRunContext): (need: Need) => string | undefined {
  return (need) => (need === 'user-token' && !run.userToken ? "no ordinary user's token was given: pass --user-token (or CONFORMANCE_USER_TOKEN)" : undefined)
}
