import { check, match, must } from '../../harness/scenario/index.js'

// Typical: AS ---> HS ping {"transaction_id": …}; HS ---> AS; HS <--- AS 200 {}; AS <--- HS 200 {"duration_ms": 123}
export default check('HS-PING-OK', async (t) => {
  // The stub answers 200 {} to every ping it knows the transaction_id of: nothing to arrange, and
  // nothing here depends on the stub finding the transaction_id again (HS-PING-TXN-PASSTHROUGH's subject).
  const { main } = t.appservices
  const exchange = await t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, {
    status: 200,
    json: [
      match.isObject(),
      match.keyType('duration_ms', 'integer'),
      match.that('duration_ms is negative', (j) => !(((j as { duration_ms?: number } | null)?.duration_ms ?? 0) < 0)),
    ],
  })
})
