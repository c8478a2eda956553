import { appserviceCheck, must } from '../../harness/scenario/index.js'
import { wrongToken } from './support/wrong-token.js'

// The spec names no status for a wrong hs_token; 403 is what the other appservice endpoints document.
export default appserviceCheck('AS-PING-WRONG-TOKEN-403', async (t) => {
  await t.requirePingEndpoint()
  must.matchResponse(await t.ping({ token: wrongToken(), body: { transaction_id: t.txn() } }), { status: 403 })
})
