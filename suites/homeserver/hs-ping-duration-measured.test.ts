import { check, must, respondJson } from '../../harness/scenario'

const delayMs = 250
// Slack for the homeserver truncating or rounding to whole milliseconds.
const roundingSlackMs = 1

// duration_ms: "The duration in milliseconds that the /_matrix/app/v1/ping request took from the homeserver's point of view."
check('HS-PING-DURATION-MEASURED', async (t) => {
  const { exchange } = await t.pingWith(respondJson(200, {}, delayMs))
  must.matchResponse(exchange, { status: 200 })
  const reported = (exchange.response!.json as { duration_ms?: unknown }).duration_ms
  const upper = exchange.durationMs + roundingSlackMs
  must.hold(
    typeof reported === 'number' && reported >= delayMs - roundingSlackMs && reported <= upper,
    `duration_ms ${JSON.stringify(reported)} is not between the appservice's delay and the observed round trip`,
    `${delayMs} ≤ duration_ms ≤ ${upper.toFixed(1)} (stub delayed ${delayMs} ms; round trip ${exchange.durationMs.toFixed(1)} ms)`,
    `duration_ms ${JSON.stringify(reported)}`,
  )
})
