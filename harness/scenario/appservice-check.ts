import { AppserviceCheckContext } from './appservice-check-context.js'
import type { AppserviceTarget } from './appservice-target.js'
import type { Need } from '../requirements/requirement.js'
import { declareCheck } from './declare-check.js'

export interface AppserviceCheckOptions {
  /** How long the check may take against this target (the survival check restarts the appservice per fault). */
  timeoutMs?: (target: AppserviceTarget) => number
}

/** One appservice check: what a file in suites/appservice/ exports, so library use can declare it against its own target. */
export interface AppserviceCheckDefinition {
  id: string
  body: (t: AppserviceCheckContext) => Promise<void>
  options: AppserviceCheckOptions
}

const defaultAppserviceCheckTimeoutMs = 30_000

/**
 * Defines the appservice check for one requirement. Defining declares nothing: in a CLI run the
 * runner's entry module declares it (declareAppserviceCheck); in library use,
 * `appserviceConformance()` declares it against the user's in-process app.
 *
 * @example
 * export default appserviceCheck('AS-PING-OK', async (t) => {
 *   must.matchResponse(await t.validPing(), { status: 200, json: [match.isObject()] })
 * })
 */
export function appserviceCheck(id: string, body: AppserviceCheckDefinition['body'], options: AppserviceCheckOptions = {}): AppserviceCheckDefinition {
  return { id, body, options }
}

/** Declares an appservice check as a vitest test against this target. */
export function declareAppserviceCheck(definition: AppserviceCheckDefinition, target: AppserviceTarget): void {
  const { id, body } = definition
  declareCheck(id, () => new AppserviceCheckContext(target, id), body, checkTimeoutMs(definition, target), appserviceNeedMissing(target))
}

/** Why this target cannot give a check what it declared it needs (a restart is the check's own to skip: it knows whether the suite spawned the appservice). */
export function appserviceNeedMissing(target: AppserviceTarget): (need: Need) => string | undefined {
  const { asToken, asId } = target.credentials
  return (need) => {
    if (need === 'as-token' && !asToken) return "the appservice's as_token was not given (--as-token or --registration)"
    if (need === 'as-id' && !asId) return 'the appservice id was not given (--as-id or --registration)'
    return undefined
  }
}

export function checkTimeoutMs(definition: AppserviceCheckDefinition, target: AppserviceTarget): number {
  return definition.options.timeoutMs?.(target) ?? defaultAppserviceCheckTimeoutMs
}
