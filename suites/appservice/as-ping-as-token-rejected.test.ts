import type { HttpExchange } from '../../harness/clients/http-exchange.js'
import { isJsonObject } from '../../harness/http/parse-json.js'
import { appserviceCheck } from '../../harness/scenario/index.js'
import { mustBeRejected, rejectionMismatches } from './support/must-be-rejected.js'
import { wrongToken } from './support/wrong-token.js'

// Swapped tokens: a homeserver that sends the appservice its own as_token has not sent the hs_token, so it gets
// "an M_FORBIDDEN error" like any other token that "does not match" (the status is AS-PING-WRONG-TOKEN-403's).
export default appserviceCheck('AS-PING-AS-TOKEN-REJECTED', async (t) => {
  // Declared to need the as_token: without it, skipped before it runs.
  const asToken = t.credentials.asToken!
  await t.requirePingEndpoint()
  const [swapped, wrong] = await Promise.all([
    t.ping({ token: asToken, body: { transaction_id: t.txn() } }),
    t.ping({ token: wrongToken(), body: { transaction_id: t.txn() } }),
  ])
  // Answered just as any wrong token is: whatever is wrong with that answer is AS-PING-WRONG-TOKEN's one fault,
  // not a second. A refusal then holds here, in every run mode; an acceptance is still failed, as its consequence.
  if (statusAndErrcode(swapped) === statusAndErrcode(wrong)) {
    t.dependOn('AS-PING-WRONG-TOKEN', `its own as_token is answered as a random wrong token is (${statusAndErrcode(swapped)})`)
    if (rejectionMismatches(swapped).length === 0) {
      t.note(`refused as any wrong token is (${statusAndErrcode(swapped)}); the errcode is AS-PING-WRONG-TOKEN's to grade`)
      return
    }
  }
  mustBeRejected(swapped, { errcode: 'M_FORBIDDEN' })
})

function statusAndErrcode(exchange: HttpExchange): string {
  const json = exchange.response?.json
  return `HTTP ${exchange.response?.status} ${isJsonObject(json) ? String(json.errcode) : ''}`
}
