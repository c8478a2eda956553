import { check, match, must, respondOk } from '../../harness/scenario'
import { queryTokenAccepted } from '../../harness/spec-version'

// v1.7–v1.19: "Homeservers MUST support both methods" (header and ?access_token=).
// From the version that applies MSC4127 the query parameter is no longer supported.
check('HS-PING-QUERY-AS-TOKEN', async (t) => {
  const version = t.run.specVersion
  const accepted = queryTokenAccepted(version)
  t.note(`graded against ${version}: the query parameter must be ${accepted ? 'accepted' : 'refused'}`)
  const { exchange, callbacks } = await t.pingWith(respondOk, { tokenIn: 'query' })
  if (accepted) {
    must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
    must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  } else {
    must.matchResponse(exchange, { status: 401 })
    must.haveReceived(callbacks, 0, 'pings')
  }
})
