import { check, isPing, must } from '../../harness/scenario/index.js'
import { mustHaveArrivedUnchanged } from './support/transaction-id-arrival.js'

// transaction_id is `type: string`, and "" is one: "copied directly" like any other, not dropped as if absent.
export default check('HS-PING-EMPTY-TXN', async (t) => {
  const { main } = t.appservices
  // "" cannot tell this ping's call from another's, so it goes in an exclusive window, which also takes
  // calls whose transaction_id was rewritten: whatever the homeserver made of "" is found, and shown.
  const { exchange, callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: '' } }), {
    takesUnknownIds: true,
  })
  must.matchResponse(exchange, { status: 200 })
  const unchanged = callbacks.filter((c) => isPing(c) && c.hasTransactionId && c.transactionId === '')
  // A homeserver that loses other transaction_ids too fails HS-PING-TXN-PASSTHROUGH: this is then its consequence.
  if (unchanged.length === 0)
    t.dependOn('HS-PING-TXN-PASSTHROUGH', '"" did not reach the appservice unchanged, and HS-PING-TXN-PASSTHROUGH grades whether any transaction_id does')
  mustHaveArrivedUnchanged('', unchanged, callbacks)
})
