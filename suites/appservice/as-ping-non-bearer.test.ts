import { nonBearerAuthorizations } from '../../harness/clients/non-bearer-authorizations.js'
import { appserviceCheck } from '../../harness/scenario/index.js'
import { mustEachBeRejected } from './support/must-be-rejected.js'

// A header of another scheme carries no Bearer token, so no hs_token reached the appservice: the
// policy's missing-token row (a 4xx Matrix error, MUST), not its wrong-token row (M_FORBIDDEN).
// Its 401 is AS-PING-MISSING-TOKEN-401's.
export default appserviceCheck('AS-PING-NON-BEARER', async (t) => {
  await t.requirePingEndpoint()
  const headers = nonBearerAuthorizations(t.credentials.hsToken)
  const exchanges = await Promise.all(headers.map((h) => t.ping({ authorization: h.authorization, body: { transaction_id: t.txn() } })))
  mustEachBeRejected(
    headers.map((h, i) => ({ name: `Authorization: ${h.name}`, exchange: exchanges[i]! })),
    'every non-Bearer Authorization rejected with a 4xx Matrix error',
  )
})
