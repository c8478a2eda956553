import { excerpt } from '../assert/excerpt.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { isNoPing, type PingRoundResult } from '../mock-homeserver/ping-round.js'

/**
 * How the appservice treats a valid ping it did not start (right hs_token, the suite's own
 * transaction_id). Several checks need a valid ping to be accepted; when it is not, this says
 * whether that is their business or another check's.
 */
export type ValidPingVerdict =
  | { kind: 'accepted'; exchange: HttpExchange }
  /** 404/405/501 to a valid ping: the endpoint is not there at all (AS-PING-OK says so). */
  | { kind: 'no-endpoint'; exchange: HttpExchange; reason: string }
  /** A 4xx to ours, but 2xx to the homeserver's ping back for its own ping: it rejects pings it did not start (AS-PING-UNSOLICITED). */
  | { kind: 'rejects-unsolicited'; exchange: HttpExchange; reason: string }
  /**
   * A 4xx to ours, and no ping of its own was seen to compare (by URL, without `ping`, or it never
   * pings): it rejected a ping it did not start, which is all the suite can tell. Graded as
   * AS-PING-UNSOLICITED, never as AS-PING-OK's MUST, so the verdict does not depend on the run mode.
   */
  | { kind: 'rejects-unprompted'; exchange: HttpExchange; reason: string }
  | { kind: 'rejected'; exchange: HttpExchange }

export function classifyValidPing(exchange: HttpExchange, firstPing: PingRoundResult | undefined): ValidPingVerdict {
  const status = exchange.response?.status
  if (status === undefined) return { kind: 'rejected', exchange }
  if (status >= 200 && status < 300) return { kind: 'accepted', exchange }
  if (status === 404 || status === 405 || status === 501) {
    return {
      kind: 'no-endpoint',
      exchange,
      reason: `the appservice does not implement POST /_matrix/app/v1/ping: a valid ping got HTTP ${status} ${briefly(exchange)}, as an unknown route would`,
    }
  }
  if (status < 400 || status >= 500) return { kind: 'rejected', exchange }
  const ownPing = firstPing && !isNoPing(firstPing) ? firstPing : undefined
  const pingBack = ownPing?.pingBack?.response
  if (pingBack && pingBack.status >= 200 && pingBack.status < 300) {
    return {
      kind: 'rejects-unsolicited',
      exchange,
      reason: `the appservice rejects valid pings it did not start itself (HTTP ${status} ${briefly(exchange)}), while it answered ${pingBack.status} to the homeserver's ping back for its own ping`,
    }
  }
  if (ownPing?.pingBack) return { kind: 'rejected', exchange }
  return {
    kind: 'rejects-unprompted',
    exchange,
    reason: `the appservice rejected a valid ping it did not start itself (HTTP ${status} ${briefly(exchange)}); the suite saw no ping back of a ping of its own to compare, so it cannot tell whether it rejects every ping (is the hs_token given to the suite its own?) or only those it did not start (let the suite see its ping: --spawn, --wait-for-ping, or the library's \`ping\`)`,
  }
}

/** Skip reasons repeat the answer in several checks: keep it short. */
function briefly(exchange: HttpExchange): string {
  return excerpt(exchange.response?.bodyText ?? '', 100) || '(empty body)'
}
