import { appserviceCheck, match, must, pingAttempt, SkipCheck } from '../../harness/scenario/index.js'

// HS ---> AS : /_matrix/app/v1/ping with the same transaction_id; HS <--- AS : 200 OK {}
export default appserviceCheck('AS-CLIENT-PING-BACK', async (t) => {
  const round = await t.firstPing()
  if (!round.pingBack) {
    const answer = pingAttempt(round)?.answer
    throw new SkipCheck(
      `the homeserver did not ping back: it refused the appservice's own ping${answer ? ` with ${answer.status} ${answer.bodyText}` : ''} (see AS-CLIENT-PING-PATH, -AS-TOKEN, -BODY)`,
    )
  }
  must.matchResponse(round.pingBack, { status: 200, json: [match.isObject()] })
})
