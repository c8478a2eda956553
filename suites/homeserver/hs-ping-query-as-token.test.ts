import { check, describeResponse, match, must, respondOk } from '../../harness/scenario/index.js'
import { queryTokenOwed, queryTokenRemovedIn } from '../../harness/spec-version.js'
import { leaveDurationTypeToOk } from './support/duration-type-owner.js'

// v1.7–v1.19: "Homeservers MUST support both methods" (header and ?access_token=). A homeserver that
// still advertises one of those versions owes it to that version's clients. MSC4127 (v1.20) says
// clients no longer send it, not that servers must refuse it: advertising only v1.20 or later, either is allowed.
export default check('HS-PING-QUERY-AS-TOKEN', async (t) => {
  const { advertisedVersions, specVersion } = t.run
  const owed = queryTokenOwed(advertisedVersions, specVersion)
  const { exchange, callbacks } = await t.pingWith(respondOk, { tokenIn: 'query' })
  if (!owed) {
    t.note(`advertises only ${queryTokenRemovedIn} or later, so accepting and refusing are both allowed (INFO): it answered ${describeResponse(exchange)}`)
    return
  }
  t.note(`advertises a version before ${queryTokenRemovedIn}: the query parameter must be accepted`)
  leaveDurationTypeToOk(t, exchange)
  must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
  must.haveReceivedSome(callbacks, 'pings carrying the transaction_id')
})
