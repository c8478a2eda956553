import { check } from '../../harness/scenario/index.js'
import { mustRejectWithoutCallOut } from './support/rejected-without-call-out.js'

// transaction_id is `type: string` on both hops: a number or an object is M_BAD_JSON, not forwarded.
// (null is left out: ruma-based servers read it as absent, which the spec does not forbid.)
export default check('HS-PING-TXN-NOT-STRING', async (t) => {
  const { main } = t.appservices
  const pings = [123, { id: t.txn() }, [t.txn()], true].map((value) => ({
    name: `transaction_id ${JSON.stringify(value)}`,
    options: { appserviceId: main.id, token: main.asToken, body: { transaction_id: value } },
  }))
  await mustRejectWithoutCallOut(t, pings, { status: 400, errcode: 'M_BAD_JSON' }, 'a transaction_id that is not a string must not be forwarded')
})
