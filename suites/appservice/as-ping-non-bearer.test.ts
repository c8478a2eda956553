import { nonBearerAuthorizations } from '../../harness/clients/non-bearer-authorizations'
import { appserviceCheck, must } from '../../harness/scenario'

// Only `Authorization: Bearer <hs_token>` carries the hs_token: a header of another scheme is no credentials (401), not a wrong token.
export default appserviceCheck('AS-PING-NON-BEARER', async (t) => {
  await t.requirePingEndpoint()
  const headers = nonBearerAuthorizations(t.credentials.hsToken)
  const exchanges = await Promise.all(headers.map((h) => t.ping({ authorization: h.authorization, body: { transaction_id: t.txn() } })))
  must.matchEach(headers.map((h, i) => ({ name: `Authorization: ${h.name}`, exchange: exchanges[i]!, want: { status: 401 } })))
})
