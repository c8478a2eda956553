import type { Level } from './level.js'
import type { PolicyRowId } from './policy-rows.js'

/**
 * A requirement is one gradable behaviour of a ping endpoint, with where the spec says so.
 * Grades follow the conformance policy (docs/conformance-policy.md), whose rows are data in
 * policy-rows.ts: each requirement names the row it applies.
 */

export type { Level }

/** Which side of the exchange a requirement grades. */
export type Role = 'homeserver' | 'appservice'

/**
 * What a check needs beyond the target itself. The runner and the reports read these; nobody
 * keeps lists of check ids.
 */
export type Need =
  /** The homeserver calls the stub appservice back and the stub's arranged answer matters: no curl alone reproduces it. */
  | 'stub'
  /** An ordinary user's access token (--user-token). */
  | 'user-token'
  /** The registration without a url (every config has one; a homeserver must have loaded it). */
  | 'no-url-registration'
  /** The appservice's own as_token (--as-token or --registration). */
  | 'as-token'
  /** The appservice's id (--as-id or --registration). */
  | 'as-id'
  /** Restarts the appservice under test (--spawn). */
  | 'restart'
  /** Waits for the homeserver's own appservice timeout (--hs-timeout-ms). */
  | 'long-wait'

/**
 * When and how the runner grades a check: `scenario` (the default) runs its file with all the
 * others at once; `after-scenarios` runs its file once they are done (it restarts the appservice,
 * which would pull it away from under them); `whole-run` has no file and is graded by the runner
 * from everything the run saw; `load` is the runner's own hot loop, only with --load.
 */
export type Phase = 'scenario' | 'after-scenarios' | 'whole-run' | 'load'

/** The OpenAPI operationId of the endpoint the requirement is about (see specs/). */
export type Endpoint = 'pingAppservice' | 'ping'

export interface Requirement {
  /** Stable, non-positional id; also the check's file name in suites/ (lower-cased). */
  id: string
  title: string
  level: Level
  role: Role
  endpoint: Endpoint
  /** Spec version that introduced the behaviour, e.g. 'v1.7'. */
  since: string
  /** Link to the spec section the requirement comes from. */
  spec: string
  /** The spec's own words (or the schema fact) the check rests on. */
  quote: string
  /** Why this grade: the conformance-policy row it applies (its level is one the row's grade allows). */
  policyRow: PolicyRowId
  /** What this check adds to its row's words (how it reads the row, what servers were seen doing); none when the row says it all. */
  policyNote?: string
  /**
   * The documented responses (specs/) this requirement's check provokes and grades, as
   * '<operationId> <status>[ <errcode>]'. The coverage gate demands one for every documented pair.
   */
  covers?: readonly DocumentedResponse[]
  /** See Need; none by default. */
  needs?: readonly Need[]
  /** See Phase; `scenario` by default. */
  phase?: Phase
}

export function phaseOf(requirement: Pick<Requirement, 'phase'>): Phase {
  return requirement.phase ?? 'scenario'
}

export function needs(requirement: Pick<Requirement, 'needs'>, need: Need): boolean {
  return requirement.needs?.includes(need) ?? false
}

/** A scenario file in suites/<role>/ grades it (not the runner itself). */
export function hasCheckFile(requirement: Pick<Requirement, 'phase'>): boolean {
  const phase = phaseOf(requirement)
  return phase === 'scenario' || phase === 'after-scenarios'
}

/** e.g. 'pingAppservice 502 M_BAD_STATUS', 'ping 200'. */
export type DocumentedResponse = `${Endpoint} ${number}` | `${Endpoint} ${number} ${string}`

/** Identity helper that keeps the literal id type for the registry. */
export function defineRequirement<const R extends Requirement>(requirement: R): R {
  return requirement
}
