import { check, describeExpectedPingCall, isExpectedPingPath, must, respondJson } from '../../harness/scenario/index.js'

/**
 * The stub holds its answer this long, so "called before answering" is decided by a margin far
 * larger than any clock difference between the stub's process and the worker's thread.
 */
const appserviceDelayMs = 50

// Typical: exactly one HS ---> AS POST /_matrix/app/v1/ping, and the homeserver waits for it before AS <--- HS.
export default check('HS-PING-FORWARDED-ONCE', async (t) => {
  const { exchange, callbacks } = await t.pingWith(respondJson(200, {}, appserviceDelayMs))
  must.haveReceived(callbacks, 1, 'requests carrying the transaction_id')
  const call = callbacks[0]!
  must.hold(
    call.method === 'POST' && isExpectedPingPath(t.run, call.path),
    `the call was ${call.method} ${call.path}`,
    describeExpectedPingCall(t.run),
    `${call.method} ${call.path}`,
    undefined,
    'call',
  )
  const callAt = call.receivedAt - exchange.startedAt
  must.hold(
    call.receivedAt <= exchange.endedAt - appserviceDelayMs / 2,
    callAt > exchange.durationMs
      ? `the appservice was called ${Math.round(callAt - exchange.durationMs)} ms after the homeserver answered`
      : `the homeserver answered without waiting for the appservice's answer (it took ${appserviceDelayMs} ms)`,
    `the call to the appservice, then its answer ${appserviceDelayMs} ms later, then the homeserver's answer`,
    `call at +${Math.round(callAt)} ms, homeserver answered at +${Math.round(exchange.durationMs)} ms`,
  )
})
