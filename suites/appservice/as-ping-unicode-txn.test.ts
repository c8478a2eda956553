import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

// The transaction_id is any string the client chose ("copied directly" by the homeserver): one outside
// ASCII, with JSON escapes, must get the same 200 as any other. An appservice that puts it in a header
// or a path fails here.
const anyString = 'as-ping-conformance ✓ é 🦀 "quoted" \\ / end'

export default appserviceCheck('AS-PING-UNICODE-TXN', async (t) => {
  await t.skipIfRejectsUnsolicited()
  must.matchResponse(await t.validPing({ transaction_id: `${anyString} ${t.txn()}` }), { status: 200, json: [match.isObject()] })
})
