import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

// Synapse relays a client ping without a transaction_id as {"transaction_id": null}: an appservice that refuses it fails every such ping.
export default appserviceCheck('AS-PING-NULL-TXN', async (t) => {
  await t.skipIfRejectsUnsolicited()
  must.matchResponse(await t.validPing({ transaction_id: null }), { status: 200, json: [match.isObject()] })
})
