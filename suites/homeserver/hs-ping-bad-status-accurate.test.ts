import { check, match, must, type JsonMatcher } from '../../harness/scenario'
import { appserviceErrorAnswers } from './support/appservice-error-answers'

/** Compares a field only where the homeserver chose to include it ("may include"). */
const equalWherePresent =
  (key: string, want: unknown): JsonMatcher =>
  (json) =>
    json !== null && typeof json === 'object' && key in json ? match.keyEqual(key, want)(json) : undefined

// status and body, where present, are "the HTTP status code and response body text": a wrong value is worse than none.
// One at a time, in an exclusive window: answers that cross between pings in flight together are
// HS-PING-CONCURRENT's fault (a shared-state bug), not counted again here.
check('HS-PING-BAD-STATUS-ACCURATE', async (t) => {
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
        want: { status: 502, json: [equalWherePresent('status', outcome.status), equalWherePresent('body', outcome.body)] },
      }
    }),
  )
})
