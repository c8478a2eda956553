import { appserviceCheck } from '../../harness/scenario/index.js'
import { mustBeRejected } from './support/must-be-rejected.js'

// No token cannot match the hs_token: any 4xx Matrix error will do here (the status is AS-PING-MISSING-TOKEN-401's).
export default appserviceCheck('AS-PING-MISSING-TOKEN', async (t) => {
  await t.requirePingEndpoint()
  mustBeRejected(await t.ping({ body: { transaction_id: t.txn() } }))
})
