import { check, must, respondOk } from '../../harness/scenario'

// Typical: exactly one HS ---> AS POST /_matrix/app/v1/ping, and it happens before AS <--- HS.
check('HS-PING-FORWARDED-ONCE', async (t) => {
  const { exchange, callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'requests carrying the transaction_id')
  const [call] = callbacks
  must.hold(call!.method === 'POST' && call!.path === t.run.expectedPingPath, `the call was ${call!.method} ${call!.path}`, `POST ${t.run.expectedPingPath}`, `${call!.method} ${call!.path}`)
  const answeredAt = exchange.endedAt
  must.hold(
    call!.receivedAt <= answeredAt,
    `the appservice was called ${Math.round(call!.receivedAt - answeredAt)} ms after the homeserver answered`,
    'the call to the appservice before the homeserver answers',
    `call at +${Math.round(call!.receivedAt - exchange.startedAt)} ms, answer at +${Math.round(exchange.durationMs)} ms`,
  )
})
