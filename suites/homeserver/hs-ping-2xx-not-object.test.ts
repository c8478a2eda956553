import { answerInBrief, check, must, respondEmpty, respondJson, respondText, type AllowedResponses } from '../../harness/scenario/index.js'
import { pingSucceeded } from './support/documented-answers.js'
import { leaveDurationTypeToOk } from './support/duration-type-owner.js'

/** 2xx answers without the JSON object ping.yaml's 200 documents: whether they are a success, the spec does not say. */
const oddSuccesses = [
  { name: '200 with an empty body', outcome: respondEmpty(200) },
  { name: '200 with a text body', outcome: respondText(200, 'OK') },
  { name: '200 with a JSON array', outcome: respondJson(200, []) },
  { name: '204 No Content', outcome: respondEmpty(204) },
]

/** Any documented answer will do (Synapse: M_CONNECTION_FAILED; others: success); a 5xx of the homeserver's own will not. */
const documentedAnswers: AllowedResponses = [pingSucceeded, { status: 502, errcode: 'M_BAD_STATUS' }, { status: 502, errcode: 'M_CONNECTION_FAILED' }]

export default check('HS-PING-2XX-NOT-OBJECT', async (t) => {
  const results = await Promise.all(oddSuccesses.map((a) => t.pingWith(a.outcome)))
  for (const { exchange } of results) leaveDurationTypeToOk(t, exchange)
  // Which answer each got is INFO.
  t.note(results.map(({ exchange }, i) => `${oddSuccesses[i]!.name} got ${answerInBrief(exchange)}`).join('; '))
  must.matchEach(results.map(({ exchange }, i) => ({ name: `appservice answers ${oddSuccesses[i]!.name}`, exchange, want: documentedAnswers })))
})
