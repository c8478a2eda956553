import { check, must, respondOk } from '../../harness/scenario'

// ping.yaml: transaction_id is "copied directly from the POST /_matrix/client/v1/appservice/{appserviceId}/ping call".
check('HS-PING-TXN-PASSTHROUGH', async (t) => {
  // Characters that a lossy homeserver would mangle: unicode, quotes, slashes, spaces.
  const transactionId = `${t.txn()} ünï/cödé "quoted" \\ +=`
  // Not arranged on purpose: the stub collects the ping whatever transaction_id it carries.
  const { exchange, callbacks } = await t.collectUncorrelated(() =>
    t.ping({ appserviceId: t.appservices.main.id, token: t.appservices.main.asToken, body: { transaction_id: transactionId } }),
  )
  must.matchResponse(exchange, { status: 200 })
  const pings = callbacks.filter((c) => c.path.endsWith('/ping'))
  must.haveReceived(pings, 1, 'pings')
  const got = pings[0]!.transactionId
  must.hold(got === transactionId, 'transaction_id changed on the way', JSON.stringify(transactionId), pings[0]!.hasTransactionId ? JSON.stringify(got) : 'no transaction_id')
})
