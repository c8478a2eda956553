import { appserviceCheck, CheckFailure, describeResponse, match, must, SkipCheck } from '../../harness/scenario/index.js'

// HS ---> AS : POST /_matrix/app/v1/ping {"transaction_id": …} with the hs_token; HS <--- AS : 200 OK {}
// A 4xx that may only mean "I did not start this ping" is AS-PING-UNSOLICITED's (SHOULD), in every run mode.
export default appserviceCheck('AS-PING-OK', async (t) => {
  const verdict = await t.probe()
  if (verdict.kind === 'no-endpoint') throw new CheckFailure([verdict.reason], 'HTTP 200 and a JSON object', describeResponse(verdict.exchange))
  if (verdict.kind === 'rejects-unsolicited' || verdict.kind === 'rejects-unprompted')
    throw new SkipCheck(`not graded: ${verdict.reason} (see AS-PING-UNSOLICITED and AS-CLIENT-PING-BACK)`)
  must.matchResponse(verdict.exchange, { status: 200, json: [match.isObject()] })
})
