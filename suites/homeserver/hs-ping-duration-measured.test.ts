import { check, describeResponse, must, respondJson } from '../../harness/scenario/index.js'
import { leaveDurationTypeToOk } from './support/duration-type-owner.js'

const delayMs = 250
// Slack for the homeserver truncating or rounding to whole milliseconds.
const roundingSlackMs = 1

// duration_ms: "The duration in milliseconds that the /_matrix/app/v1/ping request took from the homeserver's point of view."
export default check('HS-PING-DURATION-MEASURED', async (t) => {
  const { exchange } = await t.pingWith(respondJson(200, {}, delayMs))
  leaveDurationTypeToOk(t, exchange)
  must.matchResponse(exchange, { status: 200 })
  const { json, jsonProblem } = exchange.response!
  must.hold(
    json !== undefined,
    `the body ${jsonProblem ?? 'is empty'}, so duration_ms cannot be read`,
    'a JSON body with duration_ms',
    describeResponse(exchange),
    undefined,
    'answer',
  )
  const reported = typeof json === 'object' && json !== null && 'duration_ms' in json ? json.duration_ms : undefined
  // Not JSON.stringify for numbers: one too large for a double (Infinity) would read as null.
  const shown =
    typeof reported !== 'number'
      ? reported === undefined
        ? 'undefined'
        : JSON.stringify(reported)
      : Number.isFinite(reported)
        ? String(reported)
        : 'too large to represent'
  const upper = exchange.durationMs + roundingSlackMs
  must.hold(
    typeof reported === 'number' && reported >= delayMs - roundingSlackMs && reported <= upper,
    `duration_ms ${shown} is not between the appservice's delay and the observed round trip`,
    `${delayMs} ≤ duration_ms ≤ ${upper.toFixed(1)} (stub delayed ${delayMs} ms; round trip ${exchange.durationMs.toFixed(1)} ms)`,
    `duration_ms ${shown}`,
    undefined,
    'answer',
  )
})
