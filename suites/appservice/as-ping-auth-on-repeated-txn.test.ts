import { appserviceCheck, describeResponse, SkipCheck } from '../../harness/scenario/index.js'
import { mustEachBeRejected, rejectionMismatches } from './support/must-be-rejected.js'
import { wrongToken } from './support/wrong-token.js'

const badTokens = [
  { name: 'a wrong token', token: wrongToken, owner: 'AS-PING-WRONG-TOKEN' },
  { name: 'no token', token: () => undefined, owner: 'AS-PING-MISSING-TOKEN' },
]

// "Application services MUST verify that the provided Bearer token matches": on every request, so an
// appservice that answers a transaction_id it has seen from a cache must not answer it before that.
// Only what the repeated transaction_id changes is graded: a bad token it accepts even with a fresh
// transaction_id is another check's failure (one root cause, one failure).
export default appserviceCheck('AS-PING-AUTH-ON-REPEATED-TXN', async (t) => {
  await t.skipIfRejectsUnsolicited()
  const body = { transaction_id: t.txn() }
  const first = await t.validPing(body)
  const status = first.response?.status
  if (status === undefined || status < 200 || status >= 300)
    throw new SkipCheck(`not graded: the valid ping with this transaction_id got ${describeResponse(first)} (see AS-PING-OK)`)
  const graded = []
  for (const bad of badTokens) {
    const token = bad.token()
    const fresh = await t.ping({ ...(token ? { token } : {}), body: { transaction_id: t.txn() } })
    if (rejectionMismatches(fresh).length) continue
    graded.push({ name: `the answered transaction_id with ${bad.name}`, exchange: await t.ping({ ...(token ? { token } : {}), body }) })
  }
  if (!graded.length)
    throw new SkipCheck(`not graded: bad tokens are accepted even with a fresh transaction_id (see ${badTokens.map((b) => b.owner).join(', ')})`)
  mustEachBeRejected(graded, 'rejected with a 4xx Matrix error, as it is with a fresh transaction_id')
})
