import { appserviceCheck, CheckFailure, describeResponse, SkipCheck } from '../../harness/scenario/index.js'

// The MSC lets an appservice "verify that an outgoing ping actually pinged the appservice"; the spec's
// 200 says a valid hs_token is enough. Rejecting pings it did not start is graded here alone (SHOULD).
export default appserviceCheck('AS-PING-UNSOLICITED', async (t) => {
  const verdict = await t.probe()
  switch (verdict.kind) {
    case 'accepted':
      return
    case 'no-endpoint':
      throw new SkipCheck(`not applicable: ${verdict.reason} (see AS-PING-OK)`)
    case 'rejected':
      throw new SkipCheck(
        `not attributable: a valid ping got ${describeResponse(verdict.exchange)}, and the appservice was not seen to accept a ping it started itself (see AS-PING-OK)`,
      )
    case 'rejects-unsolicited':
    case 'rejects-unprompted':
      throw new CheckFailure(
        [`${verdict.reason}: homeservers and tools that ping it unprompted are told 502 M_BAD_STATUS`],
        'HTTP 200 for any ping with the right hs_token',
        describeResponse(verdict.exchange),
        verdict.exchange,
      )
  }
})
