import { check, must } from '../../harness/scenario/index.js'

// 403: the token "belongs to a different appservice than the one in the path" → M_FORBIDDEN, also when
// no appservice has the path's id (a homeserver that looks the id up first answers 404: that fails).
export default check('HS-PING-UNKNOWN-ID', async (t) => {
  const { main } = t.appservices
  const transactionId = t.txn()
  const exchange = await t.ping({ appserviceId: `${main.id}-not-registered`, token: main.asToken, body: { transaction_id: transactionId } })
  const calls = await t.callbacksFor(transactionId, exchange)
  // A homeserver that ignores the path's id pings the token's own appservice: one bug, HS-PING-OTHER-AS-TOKEN's.
  if (calls.length > 0)
    t.dependOn('HS-PING-OTHER-AS-TOKEN', "the homeserver pinged the token's own appservice instead of the path's, which HS-PING-OTHER-AS-TOKEN grades")
  must.matchResponse(exchange, { status: 403, errcode: 'M_FORBIDDEN' })
  must.haveReceived(calls, 0, 'pings (a ping for an id nobody registered must not reach any appservice)')
})
