import type { PingOptions } from '../../../harness/clients/homeserver-client'
import type { HttpExchange } from '../../../harness/clients/http-exchange'
import { must, type AllowedResponses, type CheckContext, type RecordedRequest } from '../../../harness/scenario'

export interface BadPing {
  name: string
  options: PingOptions
  /**
   * The string transaction_id the ping carries, by which a call it causes is found. Pings whose body
   * cannot carry one (malformed JSON, not an object, a transaction_id of another type) leave it out
   * and are sent in an exclusive window instead.
   */
  transactionId?: string
  /** This ping's allowed answers, where they differ from the batch's. */
  want?: AllowedResponses
}

/**
 * Sends the bad pings at once: each must get `want`, and none may reach the appservice (a ping the
 * homeserver refuses is never forwarded). `why` completes "the stub appservice received … pings".
 */
export async function mustRejectWithoutCallOut(t: CheckContext, pings: readonly BadPing[], want: AllowedResponses, why: string): Promise<void> {
  const { exchanges, requests } = pings.every((p) => p.transactionId !== undefined) ? await sendCorrelated(t, pings) : await sendInWindow(t, pings)
  must.matchEach(pings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want: p.want ?? want })))
  must.haveReceived(requests, 0, `pings (${why})`)
}

/** Each ping's calls found by its own transaction_id, so nothing another check causes is charged here. */
async function sendCorrelated(t: CheckContext, pings: readonly BadPing[]): Promise<{ exchanges: HttpExchange[]; requests: RecordedRequest[] }> {
  const exchanges = await Promise.all(pings.map((p) => t.ping(p.options)))
  const calls = await Promise.all(pings.map((p, i) => t.callbacksFor(p.transactionId!, exchanges[i]!)))
  return { exchanges, requests: calls.flat() }
}

/** The calls that arrive while these pings are the only ones in flight; each is shown under the first ping. */
async function sendInWindow(t: CheckContext, pings: readonly BadPing[]): Promise<{ exchanges: HttpExchange[]; requests: RecordedRequest[] }> {
  const { result: exchanges, requests } = await t.inWindow(() => Promise.all(pings.map((p) => t.ping(p.options))))
  if (exchanges[0]) t.attach(exchanges[0], requests)
  return { exchanges, requests }
}
