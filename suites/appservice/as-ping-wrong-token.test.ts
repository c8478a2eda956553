import { appserviceCheck } from '../../harness/scenario/index.js'
import { mustBeRejected } from './support/must-be-rejected.js'
import { wrongToken } from './support/wrong-token.js'

// "failing the request with an M_FORBIDDEN error if it does not match" (the status is graded by AS-PING-WRONG-TOKEN-403).
export default appserviceCheck('AS-PING-WRONG-TOKEN', async (t) => {
  await t.requirePingEndpoint()
  mustBeRejected(await t.ping({ token: wrongToken(), body: { transaction_id: t.txn() } }), { errcode: 'M_FORBIDDEN' })
})
