import { check, must } from '../../harness/scenario/index.js'
import { mustHaveArrivedUnchanged } from './support/transaction-id-arrival.js'

// ping.yaml: transaction_id is "copied directly from the POST /_matrix/client/v1/appservice/{appserviceId}/ping call".
export default check('HS-PING-TXN-PASSTHROUGH', async (t) => {
  // Characters that a lossy homeserver would mangle: unicode, quotes, slashes, spaces.
  const transactionId = `${t.txn()} ünï/cödé "quoted" \\ +=`
  // In an exclusive window that also takes unknown transaction_ids: a call whose transaction_id was
  // dropped or rewritten is then still found, and shown.
  const { exchange, callbacks: unknown } = await t.collectUncorrelated(
    () => t.ping({ appserviceId: t.appservices.main.id, token: t.appservices.main.asToken, body: { transaction_id: transactionId } }),
    { takesUnknownIds: true },
  )
  const own = await t.callbacksFor(transactionId, exchange, 0)
  must.matchResponse(exchange, { status: 200 })
  mustHaveArrivedUnchanged(transactionId, own, unknown)
})
