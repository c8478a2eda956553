import { check, isJsonContentType, must } from '../../harness/scenario/index.js'
import { errorAnswers, errorProvokingPings } from './support/error-provoking-pings.js'

// produces: application/json — error answers included, whichever error status they came with.
export default check('HS-PING-ERROR-CONTENT-TYPE', async (t) => {
  const pings = errorProvokingPings(t)
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  must.matchEach(
    errorAnswers(pings, exchanges).map(({ name, exchange, status }) => ({ name, exchange, want: { status, headers: { 'content-type': isJsonContentType } } })),
  )
})
