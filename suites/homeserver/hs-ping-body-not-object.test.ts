import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// The body's schema is `type: object`; M_BAD_JSON: "Request contained valid JSON, but it was malformed in some way".
export default check('HS-PING-BODY-NOT-OBJECT', async (t) => {
  const { main } = t.appservices
  const pings = [[], [{ transaction_id: t.txn() }], 'ping', 42, null].map((body) => ({
    name: `body ${JSON.stringify(body)}`,
    options: { appserviceId: main.id, token: main.asToken, rawBody: JSON.stringify(body) },
  }))
  await mustRejectWithoutCallOut(t, pings, { status: 400, errcode: 'M_BAD_JSON' }, 'a body that is not an object must not reach the appservice')
})
