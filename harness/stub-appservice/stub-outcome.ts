import { pingEndpoints } from '../openapi/ping-endpoints.js'
/**
 * What the stub appservice does when the homeserver's ping for one transaction_id arrives.
 * Scenarios arrange one per transaction, so they can all run at once against one registration.
 */
export type StubOutcome =
  | {
      kind: 'respond'
      status: number
      body: string
      /** null: no Content-Type header at all (a body-less 204, a bare 200). */
      contentType?: string | null
      /** Wait this long before answering, to give duration_ms a known lower bound. */
      delayMs?: number
    }
  /** Never answer; the connection stays open until the homeserver gives up. */
  | { kind: 'hang' }
  /** Destroy the connection with a TCP reset instead of answering. */
  | { kind: 'reset' }
  /**
   * Answer `status` (a 3xx) with a Location on the stub itself: the same path with `?redirected`,
   * where the same transaction_id is answered 200 {}. A homeserver that follows gets that 200.
   */
  | { kind: 'redirect'; status: number }

/** The outcomes that answer with a status and body. */
export type RespondOutcome = Extract<StubOutcome, { kind: 'respond' }>

export const respondOk: RespondOutcome = { kind: 'respond', status: 200, body: '{}', contentType: 'application/json' }

export function respondJson(status: number, json: unknown, delayMs?: number): RespondOutcome {
  return { kind: 'respond', status, body: JSON.stringify(json), contentType: 'application/json', ...(delayMs ? { delayMs } : {}) }
}

export function respondText(status: number, body: string, contentType = 'text/plain; charset=utf-8'): RespondOutcome {
  return { kind: 'respond', status, body, contentType }
}

/** An answer with no body and no Content-Type: `respondEmpty(204)` is a 204 No Content. */
export function respondEmpty(status: number): RespondOutcome {
  return { kind: 'respond', status, body: '', contentType: null }
}

/** The query parameter that marks the Location of a `redirect` outcome. */
const redirectedParam = 'redirected'

/** The Location a `redirect` outcome sends for a call to `path`: a path on the stub, so the homeserver resolves it against the URL it called. */
export function redirectLocation(path: string): string {
  return `${path}?${redirectedParam}`
}

/** A call that followed a `redirect` outcome's Location. */
export function followedRedirect(request: { query: Record<string, string[]> }): boolean {
  return Object.hasOwn(request.query, redirectedParam)
}

/** One line for messages: `answered 403 {"errcode":"M_FORBIDDEN"}`, `reset the connection`. */
export function describeOutcome(outcome: StubOutcome): string {
  switch (outcome.kind) {
    case 'respond':
      return `answered ${outcome.status}${outcome.delayMs ? ` after ${outcome.delayMs} ms` : ''} ${outcome.body}`
    case 'hang':
      return 'never answered'
    case 'reset':
      return 'reset the connection'
    case 'redirect':
      return `redirected with ${outcome.status} to ${redirectLocation(`…${pingEndpoints.ping.path}`)}`
  }
}
