import { check, match, must } from '../../harness/scenario/index.js'
import { appserviceErrorAnswers } from './support/appservice-error-answers.js'

// "the response may include status and body fields … to aid with debugging": graded SHOULD.
export default check('HS-PING-BAD-STATUS-FIELDS', async (t) => {
  const results = await Promise.all(appserviceErrorAnswers.map((a) => t.pingWith(a.outcome)))
  must.matchEach(
    results.map(({ exchange }, i) => ({
      name: `appservice answers ${appserviceErrorAnswers[i]!.name}`,
      exchange,
      want: { status: 502, json: [match.keyPresent('status'), match.keyPresent('body')] },
    })),
  )
})
