import { check, match, must } from '../../harness/scenario'

// transaction_id is optional: a ping without one still reaches the appservice and answers 200.
check('HS-PING-NO-TXN-OK', async (t) => {
  const { main } = t.appservices
  const { exchange, callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, body: {} }))
  must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
  must.haveReceived(callbacks.filter((c) => c.path === t.run.expectedPingPath), 1, `POST ${t.run.expectedPingPath}`)
})
