import type { PingOptions } from '../../../harness/clients/homeserver-client'
import type { HttpExchange } from '../../../harness/clients/http-exchange'
import { parseJson } from '../../../harness/http/parse-json'
import { must, type CheckContext, type RecordedRequest, type ResponseExpectation } from '../../../harness/scenario'

export interface BadPing {
  name: string
  options: PingOptions
}

/**
 * Sends the bad pings at once: each must get `want`, and none may reach the appservice (a ping the
 * homeserver refuses is never forwarded). `why` completes "the stub appservice received … pings".
 */
export async function mustRejectWithoutCallOut(t: CheckContext, pings: readonly BadPing[], want: ResponseExpectation, why: string): Promise<void> {
  const { result: exchanges, requests } = await t.stub.collectUncorrelated(() => Promise.all(pings.map((p) => t.ping(p.options))))
  attachToSenders(t, exchanges, requests)
  must.matchEach(pings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want })))
  must.haveReceived(requests, 0, `pings (${why})`)
}

/** Shows each call that did reach the appservice under the ping whose transaction_id it carries (else under the first), so both hops are in the transcript. */
function attachToSenders(t: CheckContext, exchanges: readonly HttpExchange[], requests: readonly RecordedRequest[]): void {
  const sent = exchanges.map((e) => JSON.stringify((parseJson(e.request.bodyText ?? '') as { transaction_id?: unknown } | undefined)?.transaction_id))
  for (const request of requests) {
    const i = request.hasTransactionId ? sent.indexOf(JSON.stringify(request.transactionId)) : -1
    const sender = exchanges[i] ?? exchanges[0]
    if (sender) t.attach(sender, [request])
  }
}
