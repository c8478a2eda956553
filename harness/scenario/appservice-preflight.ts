import { randomBytes } from 'node:crypto'
import { describeContentType } from '../assert/json-content-type.js'
import { AppserviceClient } from '../clients/appservice-client.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { UsageError } from '../usage-error.js'

/** Statuses a gateway gives for an upstream it cannot use: the appservice behind it is not reached. */
const gatewayStatuses = new Set([502, 503, 504])

/**
 * Before any check: is there an appservice at --as-url at all? Two pings, one with the hs_token
 * and one without any token. Nothing answering is a set-up fault, and so is a target that answers
 * both without a word of JSON, either with the same 2xx (a web server that answers everything) or
 * with a gateway status (a reverse proxy whose appservice is down). Anything else, even an
 * appservice without a ping endpoint (a 404 page), is left for the checks to grade.
 */
export async function requireAppservice(asUrl: string, hsToken: string): Promise<void> {
  const client = new AppserviceClient(asUrl, 10_000)
  try {
    const body = { transaction_id: `asp-preflight-${randomBytes(4).toString('hex')}` }
    const [valid, tokenless] = await Promise.all([client.ping({ token: hsToken, body }), client.ping({ body })])
    if (!valid.response)
      throw new UsageError(
        `appservice unreachable at ${asUrl}: ${valid.error}`,
        'check --as-url and that the appservice is running (or pass --spawn to have the suite start it)',
      )
    const verdict = notAnAppservice(valid.response, tokenless.response)
    if (verdict) throw new UsageError(`no appservice at ${asUrl}: ${verdict.problem}`, verdict.remedy)
  } finally {
    await client.close()
  }
}

type Answer = NonNullable<HttpExchange['response']>

/** Why these two answers (with the hs_token, without any token) cannot come from an appservice, or undefined when they may. */
function notAnAppservice(withToken: Answer, withoutToken: Answer | undefined): { problem: string; remedy: string } | undefined {
  if (!withoutToken || withToken.json !== undefined || withoutToken.json !== undefined) return undefined
  // No body excerpt: a server that echoes requests would print the hs_token.
  const seen = `HTTP ${withToken.status} with ${describeContentType(withToken.headers['content-type'])}`
  if (withToken.status >= 200 && withToken.status < 300 && withoutToken.status === withToken.status) {
    return {
      problem: `a ping with the hs_token and one without any token both got ${seen}, not JSON`,
      remedy: 'point --as-url at the appservice itself (the url of its registration), not at another web server',
    }
  }
  if (gatewayStatuses.has(withToken.status) && gatewayStatuses.has(withoutToken.status)) {
    return {
      problem: `pings got ${seen}, a gateway's answer: whatever is behind it is not reachable`,
      remedy: 'start the appservice behind the proxy (or point --as-url at the appservice itself)',
    }
  }
  return undefined
}
