import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// The hs_token is the homeserver's credential towards the appservice, no access token: sent as one (swapped
// tokens), it is "invalid" credentials → 401 M_UNKNOWN_TOKEN, and nobody is pinged.
export default check('HS-PING-HS-TOKEN-REFUSED', async (t) => {
  const { main } = t.appservices
  // Its own transaction_id: a call the homeserver makes anyway is seen, and charged here.
  const ping = {
    name: `${main.id} pinged with its hs_token as the access token`,
    options: { appserviceId: main.id, token: main.hsToken, body: { transaction_id: t.txn() } },
  }
  await mustRejectWithoutCallOut(t, [ping], { status: 401, errcode: 'M_UNKNOWN_TOKEN' }, 'a ping with the hs_token must not reach the appservice')
})
