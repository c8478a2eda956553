import { check } from '../../harness/scenario/index.js'
import { describeResponse } from '../../harness/assert/must.js'

// INFO: the body is `required`, yet servers differ (Synapse 400 M_NOT_JSON; ruma-based servers treat it as {}).
// Recorded so users know which one their target chose; by policy it never warns or fails.
export default check('HS-PING-EMPTY-BODY', async (t) => {
  const { main } = t.appservices
  const { exchange, callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, rawBody: '' }))
  const called = callbacks.length > 0 ? ' and pinged the appservice' : ''
  t.note(`an empty request body got ${describeResponse(exchange)}${called}`)
})
