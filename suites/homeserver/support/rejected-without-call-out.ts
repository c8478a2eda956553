import { transactionIdOf, type PingOptions } from '../../../harness/clients/homeserver-client.js'
import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import { CheckFailure } from '../../../harness/assert/check-failure.js'
import { must, type AllowedResponses, type CheckContext, type RecordedRequest } from '../../../harness/scenario/index.js'

export interface BadPing {
  name: string
  options: PingOptions
  /** This ping's allowed answers, where they differ from the batch's. */
  want?: AllowedResponses
}

/**
 * Sends the bad pings at once: each must get `want`, and none may reach the appservice (a ping the
 * homeserver refuses is never forwarded). `why` completes "the stub appservice received … pings".
 * A call a ping causes is found by the string transaction_id in its body; pings whose body cannot
 * carry one (malformed JSON, not an object, a transaction_id of another type) are sent in an
 * exclusive window instead.
 */
export async function mustRejectWithoutCallOut(t: CheckContext, pings: readonly BadPing[], want: AllowedResponses, why: string): Promise<void> {
  const { exchanges, requests } = pings.every((p) => transactionIdOf(p.options) !== undefined) ? await sendCorrelated(t, pings) : await sendInWindow(t, pings)
  try {
    must.matchEach(pings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want: p.want ?? want })))
  } catch (error) {
    // A call-out is a fault of its own: it must not go with a misspelt errcode to that spelling's owner (unstable-errcode-spelling.ts).
    if (error instanceof CheckFailure && error.onlyUnstableErrcodes) must.haveReceived(requests, 0, `pings (${why})`)
    throw error
  }
  must.haveReceived(requests, 0, `pings (${why})`)
}

/** Each ping's calls found by its own transaction_id, so nothing another check causes is charged here. */
async function sendCorrelated(t: CheckContext, pings: readonly BadPing[]): Promise<{ exchanges: HttpExchange[]; requests: RecordedRequest[] }> {
  const exchanges = await Promise.all(pings.map((p) => t.ping(p.options)))
  const calls = await Promise.all(pings.map((p, i) => t.callbacksFor(transactionIdOf(p.options)!, exchanges[i]!)))
  return { exchanges, requests: calls.flat() }
}

/** The calls that arrive while these pings are the only ones in flight; each is shown under the first ping. */
async function sendInWindow(t: CheckContext, pings: readonly BadPing[]): Promise<{ exchanges: HttpExchange[]; requests: RecordedRequest[] }> {
  const { result: exchanges, requests } = await t.inWindow(() => Promise.all(pings.map((p) => t.ping(p.options))))
  if (exchanges[0]) t.attach(exchanges[0], requests)
  return { exchanges, requests }
}
