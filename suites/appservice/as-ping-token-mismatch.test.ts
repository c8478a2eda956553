import { appserviceCheck } from '../../harness/scenario/index.js'
import { mustEachBeRejected } from './support/must-be-rejected.js'
import { wrongToken } from './support/wrong-token.js'

// "Application services should ensure both match if both are provided": whichever one an
// implementation reads first, the pair must be rejected. One of the two tokens does not match, so the
// rejection is the spec's one rule's M_FORBIDDEN; the whole check is SHOULD, as the policy's row for the pair.
export default appserviceCheck('AS-PING-TOKEN-MISMATCH', async (t) => {
  await t.requirePingEndpoint()
  const { hsToken } = t.credentials
  const cases = [
    { name: 'right header, wrong query token', exchange: await t.ping({ token: hsToken, queryToken: wrongToken(), body: { transaction_id: t.txn() } }) },
    { name: 'wrong header, right query token', exchange: await t.ping({ token: wrongToken(), queryToken: hsToken, body: { transaction_id: t.txn() } }) },
  ]
  mustEachBeRejected(cases, 'both pairs rejected with a 4xx M_FORBIDDEN', { errcode: 'M_FORBIDDEN' })
})
