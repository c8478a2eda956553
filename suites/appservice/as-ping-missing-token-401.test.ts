import { nonBearerAuthorizations } from '../../harness/clients/non-bearer-authorizations.js'
import { appserviceCheck, describeResponse, must, SkipCheck } from '../../harness/scenario/index.js'

// 401: "The homeserver has not supplied credentials to the application service" (the other appservice
// endpoints): no token at all, or an Authorization header of another scheme (no Bearer token either).
export default appserviceCheck('AS-PING-MISSING-TOKEN-401', async (t) => {
  await t.requirePingEndpoint()
  const cases = [
    { name: 'no token', authorization: undefined, rejectedBy: 'AS-PING-MISSING-TOKEN' },
    ...nonBearerAuthorizations(t.credentials.hsToken).map((h) => ({
      name: `Authorization: ${h.name}`,
      authorization: h.authorization,
      rejectedBy: 'AS-PING-NON-BEARER',
    })),
  ]
  const exchanges = await Promise.all(
    cases.map((c) => t.ping({ ...(c.authorization ? { authorization: c.authorization } : {}), body: { transaction_id: t.txn() } })),
  )
  // This check grades which 4xx a rejection is. A request not rejected at all is the rejecting check's
  // fault (one root cause, one failure), so it is left out here, in every run mode.
  const status = (i: number) => exchanges[i]!.response?.status ?? 0
  const graded = cases.map((c, i) => ({ name: c.name, exchange: exchanges[i]!, want: { status: 401 } })).filter((_, i) => status(i) >= 400 && status(i) < 500)
  const left = cases
    .filter((_, i) => status(i) < 400 || status(i) >= 500)
    .map((c) => `${c.name}: ${describeResponse(exchanges[cases.indexOf(c)]!)} (see ${c.rejectedBy})`)
  if (left.length) t.note(`not graded here, since not rejected at all: ${left.join('; ')}`)
  if (graded.length === 0) throw new SkipCheck(`not graded: no request was rejected: ${left.join('; ')}`)
  must.matchEach(graded)
})
