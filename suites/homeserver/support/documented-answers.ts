import type { HttpExchange } from '../../../harness/clients/http-exchange'
import { describeResponse, match, type ResponseExpectation } from '../../../harness/scenario'

/** The 200 the endpoint documents: "The ping was successful", with an integer duration_ms. */
export const pingSucceeded: ResponseExpectation = { status: 200, json: [match.keyType('duration_ms', 'integer')] }

/** "HTTP 502 M_BAD_STATUS", "HTTP 200": which answer it was, for notes (describeResponse shows the whole body). */
export function answerInBrief(exchange: HttpExchange): string {
  const errcode = (exchange.response?.json as { errcode?: unknown } | null | undefined)?.errcode
  if (!exchange.response) return describeResponse(exchange)
  return `HTTP ${exchange.response.status}${typeof errcode === 'string' ? ` ${errcode}` : ''}`
}
