import { excerpt } from '../assert/excerpt'
import type { HttpExchange } from '../clients/http-exchange'
import { isNoPing, type PingRoundResult } from '../mock-homeserver/ping-round'

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
  | { kind: 'rejected'; exchange: HttpExchange }

export function classifyValidPing(exchange: HttpExchange, firstPing: PingRoundResult | undefined): ValidPingVerdict {
  const status = exchange.response?.status
  if (status === undefined) return { kind: 'rejected', exchange }
  if (status >= 200 && status < 300) return { kind: 'accepted', exchange }
  if (status === 404 || status === 405 || status === 501) {
    return { kind: 'no-endpoint', exchange, reason: `the appservice does not implement POST /_matrix/app/v1/ping: a valid ping got HTTP ${status} ${briefly(exchange)}, as an unknown route would` }
  }
  const pingBack = firstPing && !isNoPing(firstPing) ? firstPing.pingBack?.response : undefined
  if (status >= 400 && status < 500 && pingBack && pingBack.status >= 200 && pingBack.status < 300) {
    return {
      kind: 'rejects-unsolicited',
      exchange,
      reason: `the appservice rejects valid pings it did not start itself (HTTP ${status} ${briefly(exchange)}), while it answered ${pingBack.status} to the homeserver's ping back for its own ping`,
    }
  }
  return { kind: 'rejected', exchange }
}

/** Skip reasons repeat the answer in several checks: keep it short. */
function briefly(exchange: HttpExchange): string {
  return excerpt(exchange.response?.bodyText ?? '', 100) || '(empty body)'
}
