import { appserviceCheck, must } from '../../harness/scenario'

// 401: "The homeserver has not supplied credentials to the application service" (the other appservice endpoints).
export default appserviceCheck('AS-PING-MISSING-TOKEN-401', async (t) => {
  await t.requirePingEndpoint()
  must.matchResponse(await t.ping({ body: { transaction_id: t.txn() } }), { status: 401 })
})
