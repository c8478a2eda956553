import { check, describeExpectedPingCall, isExpectedPingPath, must } from '../../harness/scenario/index.js'
import { leavePingPathToForwardedOnce } from './support/ping-path-owner.js'

// Policy: omitting transaction_id is fine (INFO); sending null warns, since the schema types it as a string.
export default check('HS-PING-NO-TXN-OMITTED', async (t) => {
  const { main } = t.appservices
  const { callbacks } = await t.collectUncorrelated(() => t.ping({ appserviceId: main.id, token: main.asToken, body: {} }))
  leavePingPathToForwardedOnce(t, callbacks)
  const pings = callbacks.filter((c) => isExpectedPingPath(t.run, c.path))
  const expected = describeExpectedPingCall(t.run)
  must.hold(pings.length > 0, `the stub appservice received no ${expected}`, expected, 'nothing', undefined, 'call')
  // Every call without a string transaction_id in the window is graded: how many there are is HS-PING-FORWARDED-ONCE's business.
  const ping = pings.find((p) => p.hasTransactionId && typeof p.transactionId !== 'string') ?? pings[0]!
  t.note(ping.hasTransactionId ? `the homeserver sent transaction_id ${JSON.stringify(ping.transactionId)}` : 'the homeserver omitted transaction_id')
  must.hold(
    !ping.hasTransactionId || typeof ping.transactionId === 'string',
    `transaction_id was sent as ${JSON.stringify(ping.transactionId)} although the client gave none`,
    'no transaction_id key (the schema types it as a string)',
    ping.bodyText,
    undefined,
    'call',
  )
})
