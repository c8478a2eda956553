/**
 * What the stub appservice does when the homeserver's ping for one transaction_id arrives.
 * Scenarios arrange one per transaction, so they can all run at once against one registration.
 */
export type StubOutcome =
  | {
      kind: 'respond'
      status: number
      body: string
      contentType?: string
      /** Wait this long before answering, to give duration_ms a known lower bound. */
      delayMs?: number
    }
  /** Never answer; the connection stays open until the homeserver gives up. */
  | { kind: 'hang' }
  /** Destroy the connection with a TCP reset instead of answering. */
  | { kind: 'reset' }

/** The outcomes that answer with a status and body. */
export type RespondOutcome = Extract<StubOutcome, { kind: 'respond' }>

export const respondOk: RespondOutcome = { kind: 'respond', status: 200, body: '{}', contentType: 'application/json' }

export function respondJson(status: number, json: unknown, delayMs?: number): RespondOutcome {
  return { kind: 'respond', status, body: JSON.stringify(json), contentType: 'application/json', ...(delayMs ? { delayMs } : {}) }
}

export function respondText(status: number, body: string, contentType = 'text/plain; charset=utf-8'): RespondOutcome {
  return { kind: 'respond', status, body, contentType }
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
  }
}
