/**
 * A requirement is one gradable behaviour of a ping endpoint, with where the spec says so.
 * Grades follow ../shared/design/conformance-policy.md (carried in the README).
 */

/** MUST fails the run; SHOULD warns (fails under --strict); INFO only records what the target chose. */
export type Level = 'MUST' | 'SHOULD' | 'INFO'

/** Which side of the exchange a requirement grades. */
export type Role = 'homeserver' | 'appservice'

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
  /** Why this grade: the conformance-policy row. */
  policy: string
  /**
   * The documented responses (specs/) this requirement's check provokes and grades, as
   * '<operationId> <status>[ <errcode>]'. The coverage gate demands one for every documented pair.
   */
  covers?: readonly DocumentedResponse[]
}

/** e.g. 'pingAppservice 502 M_BAD_STATUS', 'ping 200'. */
export type DocumentedResponse = `${Endpoint} ${number}` | `${Endpoint} ${number} ${string}`

/** Identity helper that keeps the literal id type for the registry. */
export function defineRequirement<const R extends Requirement>(requirement: R): R {
  return requirement
}
