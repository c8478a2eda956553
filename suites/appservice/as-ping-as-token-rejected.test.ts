import { appserviceCheck } from '../../harness/scenario'
import { mustBeRejected } from './support/must-be-rejected'

// Swapped tokens: a homeserver that sends the appservice its own as_token has not sent the hs_token, so it gets
// "an M_FORBIDDEN error" like any other token that "does not match" (the status is AS-PING-WRONG-TOKEN-403's).
export default appserviceCheck('AS-PING-AS-TOKEN-REJECTED', async (t) => {
  // Declared to need the as_token: without it, skipped before it runs.
  const asToken = t.credentials.asToken!
  await t.requirePingEndpoint()
  mustBeRejected(await t.ping({ token: asToken, body: { transaction_id: t.txn() } }), { errcode: 'M_FORBIDDEN' })
})
