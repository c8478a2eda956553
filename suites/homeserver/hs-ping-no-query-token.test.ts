import { check, must, respondOk } from '../../harness/scenario'

// "Servers should only send this query parameter if supporting legacy versions of the specification."
check('HS-PING-NO-QUERY-TOKEN', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  const query = callbacks[0]!.query.access_token
  must.hold(query === undefined, 'the hs_token was also sent as ?access_token= (it ends up in access logs)', 'no access_token query parameter', `?access_token=${query?.join(',')}`)
})
