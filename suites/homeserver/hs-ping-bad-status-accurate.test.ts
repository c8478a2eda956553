import { check, match, must } from '../../harness/scenario/index.js'
import { appserviceErrorAnswers } from './support/appservice-error-answers.js'

// status and body, where present, are "the HTTP status code and response body text": a wrong value is worse than none.
// One at a time, in an exclusive window: answers that cross between pings in flight together are
// HS-PING-CONCURRENT's fault (a shared-state bug), not counted again here.
export default check('HS-PING-BAD-STATUS-ACCURATE', async (t) => {
  const { result: results } = await t.inWindow(async () => {
    const each = []
    for (const answer of appserviceErrorAnswers) each.push(await t.pingWith(answer.outcome))
    return each
  })
  must.matchEach(
    results.map(({ exchange }, i) => {
      const { name, outcome } = appserviceErrorAnswers[i]!
      return {
        name: `appservice answers ${name}`,
        exchange,
        want: { status: 502, json: [match.keyEqualWherePresent('status', outcome.status), match.keyEqualWherePresent('body', outcome.body)] },
      }
    }),
  )
})
