import type { HttpExchange } from '../clients/http-exchange.js'
import type { HomeserverRunContext } from '../run-context.js'
import { isDocumentedRequest } from './documented-request.js'
import type { TranscriptEntry } from './transcript.js'

/**
 * One answer of `POST …/appservice/{id}/ping` that a check received, whichever check: every check's
 * pings are recorded so (CheckContext.responses), and the runner validates all of them against specs/
 * once the checks are done (HS-PING-RESPONSE-SCHEMA, runner/response-schema-check.ts). The body is
 * kept raw: the test's meta reaches no report, and what the grader says of it is redacted there.
 */
export interface ObservedResponse {
  status: number
  /** The parsed body; undefined when it is empty or not JSON (then `jsonProblem` says why). */
  json: unknown
  jsonProblem?: string
  /** A request the operation documents, whose answer must have a documented status (documented-request.ts). */
  documentedRequest: boolean
  /** Answered as if the stub had been called, yet no call carried the transaction_id the check arranged an answer for. */
  lost: boolean
  /** The exchange as the check's transcript shows it (redacted). */
  entry: TranscriptEntry
}

/** The answers one check received, as the runner collects them from its meta. */
export interface CheckResponses {
  checkId: string
  responses: ObservedResponse[]
}

/**
 * The observation of one exchange; none when nothing came back (the check that sent it grades the
 * silence) or for another method, whose answer is no answer of the POST operation.
 */
export function observeResponse(
  exchange: HttpExchange,
  entry: TranscriptEntry,
  lost: boolean,
  run: Pick<HomeserverRunContext, 'appservices' | 'userToken'>,
): ObservedResponse | undefined {
  const { response, request } = exchange
  if (!response || request.method !== 'POST') return undefined
  return {
    status: response.status,
    json: response.json,
    ...(response.jsonProblem ? { jsonProblem: response.jsonProblem } : {}),
    documentedRequest: isDocumentedRequest(request, run),
    lost,
    entry,
  }
}
