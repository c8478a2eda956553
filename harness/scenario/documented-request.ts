import type { HttpExchange } from '../clients/http-exchange.js'
import { isCanonicalBearer, parseBearer } from '../http/bearer-token.js'
import { isJsonObject, parseJson } from '../http/parse-json.js'
import type { HomeserverRunContext } from '../run-context.js'

/**
 * Whether a ping is a request `POST …/appservice/{id}/ping` documents, so that its answer must come
 * with one of the statuses specs/ documents (200, 400, 403, 502, 504): a POST with the Bearer token of
 * a registered appservice or of the ordinary user, the tokens the homeserver knows, and a JSON object
 * body whose transaction_id, if any, is a string. A 401 to the user's token or a 500 to a valid ping
 * is then a schema break. Any other request (no token, an unknown one or the hs_token, another
 * scheme, the query parameter, a malformed body) may get the client-server API's general answers
 * (401 M_MISSING_TOKEN, 400 M_NOT_JSON …), which this endpoint does not document: only its answers
 * with a documented status are held to their schema.
 */
export function isDocumentedRequest(request: HttpExchange['request'], run: Pick<HomeserverRunContext, 'appservices' | 'userToken'>): boolean {
  if (request.method !== 'POST' || request.bodyText === undefined) return false
  // Exactly the spelling the spec shows: Synapse, for one, refuses `bearer …` (docs/policy-notes.md, appservice grades).
  const credentials = parseBearer(request.headers.authorization)
  const token = credentials && isCanonicalBearer(credentials) ? credentials.token : undefined
  const known = [...Object.values(run.appservices).map((a) => a.asToken), ...(run.userToken ? [run.userToken] : [])]
  if (token === undefined || !known.includes(token)) return false
  const body = parseJson(request.bodyText)
  return isJsonObject(body) && (body.transaction_id === undefined || typeof body.transaction_id === 'string')
}
