import { check, must, respondOk } from '../../harness/scenario/index.js'

// "Servers should only send this query parameter if supporting legacy versions of the specification."
export default check('HS-PING-NO-QUERY-TOKEN', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  // Every call is graded; how many there are is HS-PING-FORWARDED-ONCE's business.
  must.haveReceivedSome(callbacks, 'pings carrying the transaction_id')
  for (const { query } of callbacks) {
    const token = query.access_token
    must.hold(
      token === undefined,
      'the hs_token was also sent as ?access_token= (it ends up in access logs)',
      'no access_token query parameter',
      `?access_token=${token?.join(',')}`,
      undefined,
      'call',
    )
  }
})
