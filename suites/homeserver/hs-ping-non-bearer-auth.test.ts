import { nonBearerAuthorizations } from '../../harness/clients/non-bearer-authorizations.js'
import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// "using the Authentication Bearer scheme": a header with another scheme carries no access token → M_MISSING_TOKEN.
// (A homeserver that cuts a token out of it anyway answers M_UNKNOWN_TOKEN, or worse, pings.)
export default check('HS-PING-NON-BEARER-AUTH', async (t) => {
  const { main } = t.appservices
  const pings = nonBearerAuthorizations(main.asToken).map((h) => ({
    name: `Authorization: ${h.name}`,
    options: { appserviceId: main.id, authorization: h.authorization, body: { transaction_id: t.txn() } },
  }))
  await mustRejectWithoutCallOut(t, pings, { status: 401, errcode: 'M_MISSING_TOKEN' }, 'a ping without a Bearer token must not reach the appservice')
})
