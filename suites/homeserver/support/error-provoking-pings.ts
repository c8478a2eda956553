import type { CheckContext } from '../../../harness/scenario/index.js'
import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import { appserviceErrorAnswers } from './appservice-error-answers.js'

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
  // Each with its own transaction_id, so a call one of them wrongly causes is charged to this check.
  const body = () => ({ transaction_id: t.txn() })
  return [
    { name: 'no access token', status: 401, send: () => t.ping({ appserviceId: main.id, body: body() }) },
    { name: 'unknown access token', status: 401, send: () => t.ping({ appserviceId: main.id, token: `${main.asToken}x`, body: body() }) },
    { name: "another appservice's as_token", status: 403, send: () => t.ping({ appserviceId: main.id, token: noUrl.asToken, body: body() }) },
    { name: 'url: null', status: 400, send: () => t.ping({ appserviceId: noUrl.id, token: noUrl.asToken, body: body() }) },
    { name: 'appservice answers 403', status: 502, send: async () => (await t.pingWith(badStatus)).exchange },
    { name: 'connection refused', status: 502, send: () => t.ping({ appserviceId: unreachable.id, token: unreachable.asToken, body: body() }) },
    ...(t.run.userToken
      ? [{ name: "an ordinary user's token", status: 403, send: () => t.ping({ appserviceId: main.id, token: t.run.userToken, body: body() }) }]
      : []),
  ]
}

/** One error answer to grade, with the status it actually came with. */
export interface ErrorAnswer {
  name: string
  exchange: HttpExchange
  status: number
}

/**
 * The answers to error-provoking pings that are errors, each with its own status: checks about
 * what every error looks like (body, headers) grade that, not which status it has, which each
 * error's own check grades. A ping that got no answer stays in, with the status it should have had;
 * one answered with a success is no error response, and its own check already fails it.
 */
export function errorAnswers(pings: readonly ErrorProvokingPing[], exchanges: readonly HttpExchange[]): ErrorAnswer[] {
  return pings.flatMap((p, i) => {
    const exchange = exchanges[i]!
    const status = exchange.response?.status ?? p.status
    return status >= 400 ? [{ name: p.name, exchange, status }] : []
  })
}
