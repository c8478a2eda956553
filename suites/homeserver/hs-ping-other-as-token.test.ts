import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// 403: the token "belongs to a different appservice than the one in the path" → M_FORBIDDEN, and nobody is pinged.
const forbidden = { status: 403, errcode: 'M_FORBIDDEN' }

export default check('HS-PING-OTHER-AS-TOKEN', async (t) => {
  const { main, noUrl, unreachable } = t.appservices
  // Each pairing catches a different shortcut: trusting the token's appservice, or the path's.
  const pairings = [
    { name: `${main.id} pinged with the as_token of ${unreachable.id}`, appserviceId: main.id, token: unreachable.asToken },
    { name: `${unreachable.id} pinged with the as_token of ${main.id}`, appserviceId: unreachable.id, token: main.asToken },
    // The spec fixes no order of the id and url checks: a homeserver that looks at the path's url first answers M_URL_NOT_SET.
    {
      name: `${noUrl.id} pinged with the as_token of ${main.id}`,
      appserviceId: noUrl.id,
      token: main.asToken,
      want: [forbidden, { status: 400, errcode: 'M_URL_NOT_SET' }],
    },
  ]
  const pings = pairings.map(({ name, appserviceId, token, want }) => ({
    name,
    options: { appserviceId, token, body: { transaction_id: t.txn() } },
    ...(want ? { want } : {}),
  }))
  await mustRejectWithoutCallOut(t, pings, forbidden, 'a forbidden ping must not reach any appservice')
})
