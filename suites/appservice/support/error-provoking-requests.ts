import type { AppserviceCheckContext } from '../../../harness/scenario/index.js'
import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import { wrongToken } from './wrong-token.js'

export interface ErrorProvokingRequest {
  name: string
  send(t: AppserviceCheckContext): Promise<HttpExchange>
}

/** One request for each error of the ping endpoint a correct appservice gives, for checks about every error answer. */
export function errorProvokingRequests(): ErrorProvokingRequest[] {
  return [
    { name: 'wrong token', send: (t) => t.ping({ token: wrongToken(), body: { transaction_id: t.txn() } }) },
    { name: 'no token', send: (t) => t.ping({ body: { transaction_id: t.txn() } }) },
    {
      name: 'header and query tokens differ',
      send: (t) => t.ping({ token: t.credentials.hsToken, queryToken: wrongToken(), body: { transaction_id: t.txn() } }),
    },
    { name: 'malformed JSON', send: (t) => t.ping({ token: t.credentials.hsToken, rawBody: '{"transaction_id": ' }) },
    { name: 'a JSON array', send: (t) => t.ping({ token: t.credentials.hsToken, rawBody: '[]' }) },
    { name: 'a numeric transaction_id', send: (t) => t.ping({ token: t.credentials.hsToken, rawBody: '{"transaction_id": 42}' }) },
  ]
}
