import { appserviceCheck, CheckFailure } from '../../harness/scenario'
import { rejectionMismatches } from './support/must-be-rejected'
import { wrongToken } from './support/wrong-token'

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
  const mismatches = cases.flatMap((c) => rejectionMismatches(c.exchange, { errcode: 'M_FORBIDDEN' }).map((m) => `${c.name}: ${m}`))
  if (mismatches.length) throw new CheckFailure(mismatches, 'both pairs rejected with a 4xx M_FORBIDDEN', mismatches.join('; '))
})
