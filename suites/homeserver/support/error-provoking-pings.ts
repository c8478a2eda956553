import type { CheckContext } from '../../../harness/scenario'
import type { HttpExchange } from '../../../harness/clients/http-exchange'
import { appserviceErrorAnswers } from './appservice-error-answers'

export interface ErrorProvokingPing {
  name: string
  /** The status the homeserver must answer with. */
  status: number
  send(t: CheckContext): Promise<HttpExchange>
}

/**
 * One ping for each error the endpoint documents (and the 401s of the client-server API),
 * for checks about every error response. The 504 is left to HS-PING-TIMEOUT: it costs the
 * homeserver's whole timeout.
 */
export function errorProvokingPings(t: CheckContext): ErrorProvokingPing[] {
  const { main, noUrl, unreachable } = t.appservices
  const badStatus = appserviceErrorAnswers[0]!.outcome
  return [
    { name: 'no access token', status: 401, send: () => t.ping({ appserviceId: main.id, body: {} }) },
    { name: 'unknown access token', status: 401, send: () => t.ping({ appserviceId: main.id, token: `${main.asToken}x`, body: {} }) },
    { name: "another appservice's as_token", status: 403, send: () => t.ping({ appserviceId: main.id, token: noUrl.asToken, body: {} }) },
    { name: 'url: null', status: 400, send: () => t.ping({ appserviceId: noUrl.id, token: noUrl.asToken, body: {} }) },
    { name: 'appservice answers 403', status: 502, send: async () => (await t.pingWith(badStatus)).exchange },
    { name: 'connection refused', status: 502, send: () => t.ping({ appserviceId: unreachable.id, token: unreachable.asToken, body: {} }) },
    ...(t.run.userToken ? [{ name: "an ordinary user's token", status: 403, send: () => t.ping({ appserviceId: main.id, token: t.run.userToken, body: {} }) }] : []),
  ]
}
