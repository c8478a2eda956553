import { nonBearerAuthorizations } from '../../harness/clients/non-bearer-authorizations'
import { appserviceCheck, must } from '../../harness/scenario'

// 401: "The homeserver has not supplied credentials to the application service" (the other appservice
// endpoints): no token at all, or an Authorization header of another scheme (no Bearer token either).
export default appserviceCheck('AS-PING-MISSING-TOKEN-401', async (t) => {
  await t.requirePingEndpoint()
  const cases = [{ name: 'no token', authorization: undefined }, ...nonBearerAuthorizations(t.credentials.hsToken).map((h) => ({ name: `Authorization: ${h.name}`, authorization: h.authorization }))]
  const exchanges = await Promise.all(cases.map((c) => t.ping({ ...(c.authorization ? { authorization: c.authorization } : {}), body: { transaction_id: t.txn() } })))
  must.matchEach(cases.map((c, i) => ({ name: c.name, exchange: exchanges[i]!, want: { status: 401 } })))
})
