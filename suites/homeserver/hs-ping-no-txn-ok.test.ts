import { check, describeExpectedPingCall, isExpectedPingPath, match, must } from '../../harness/scenario/index.js'
import { leaveDurationTypeToOk } from './support/duration-type-owner.js'
import { leavePingPathToForwardedOnce } from './support/ping-path-owner.js'

// transaction_id is optional: a ping without one still reaches the appservice and answers 200.
export default check('HS-PING-NO-TXN-OK', async (t) => {
  const { main } = t.appservices
  const { exchange, callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, body: {} }))
  leaveDurationTypeToOk(t, exchange)
  must.matchResponse(exchange, { status: 200, json: [match.keyType('duration_ms', 'integer')] })
  leavePingPathToForwardedOnce(t, callbacks)
  // At least one: exactly once is HS-PING-FORWARDED-ONCE's business, and a homeserver's own ping may share the window.
  must.hold(
    callbacks.some((c) => isExpectedPingPath(t.run, c.path)),
    `the stub appservice received no ${describeExpectedPingCall(t.run)}`,
    describeExpectedPingCall(t.run),
    callbacks.length ? callbacks.map((c) => `${c.method} ${c.path}`).join(' | ') : 'nothing',
    undefined,
    'call',
  )
})
