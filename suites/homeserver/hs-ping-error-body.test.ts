import { check, match, must } from '../../harness/scenario/index.js'
import { errorAnswers, errorProvokingPings } from './support/error-provoking-pings.js'

// Standard error response: a JSON object with a string errcode, whichever error status it came with.
export default check('HS-PING-ERROR-BODY', async (t) => {
  const pings = errorProvokingPings(t)
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  must.matchEach(
    errorAnswers(pings, exchanges).map(({ name, exchange, status }) => ({
      name,
      exchange,
      want: { status, json: [match.isObject(), match.keyType('errcode', 'string')] },
    })),
  )
})
