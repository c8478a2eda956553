import { pingEndpoints } from '../openapi/ping-endpoints.js'
import { isAppservicePingPath } from '../openapi/unstable-ping-endpoints.js'
import type { StubOutcome } from './stub-outcome.js'

/** One request the homeserver made to the stub appservice, as the stub saw it. */
export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: Record<string, string[]>
  headers: Record<string, string>
  bodyText: string
  /** The transaction_id found in the JSON body: a string, null, another JSON value, or absent. */
  transactionId?: unknown
  hasTransactionId: boolean
  /** epochNow() when the request's body had fully arrived. */
  receivedAt: number
  /**
   * epochNow() when the stub had written its whole answer ('respond', 'redirect'); absent while it
   * has not, and for hang and reset, which never answer. A check can tell by it whether the answer
   * could have reached the homeserver before the homeserver's timeout.
   */
  answeredAt?: number
  /** What the stub did; absent for requests that are not pings. */
  outcome?: StubOutcome
  /** Whether an arranged scenario claimed it by its transaction_id. */
  correlated: boolean
}

/** The appservice's ping path, from specs/. */
export const pingPath = pingEndpoints.ping.path

/** A ping on either appservice path: the spec's, or MSC2659's unstable one an older homeserver calls. */
export function isPing(request: Pick<RecordedRequest, 'path'>): boolean {
  return isAppservicePingPath(request.path)
}
