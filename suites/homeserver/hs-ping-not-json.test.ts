import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// M_NOT_JSON: "Request did not contain valid JSON." — and nothing is called.
export default check('HS-PING-NOT-JSON', async (t) => {
  const { main } = t.appservices
  const pings = [`{"transaction_id": "${t.txn()}"`, 'transaction_id=1'].map((rawBody) => ({
    name: `body ${rawBody}`,
    options: { appserviceId: main.id, token: main.asToken, rawBody },
  }))
  await mustRejectWithoutCallOut(t, pings, { status: 400, errcode: 'M_NOT_JSON' }, 'a request that is not JSON must not reach the appservice')
})
