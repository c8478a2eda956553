import type { HttpExchange } from '../clients/http-exchange.js'
import { errcodeOfBody } from '../openapi/unstable-ping-endpoints.js'
import type { RecordedRequest } from '../stub-appservice/recorded-request.js'
import type { StubOutcome } from '../stub-appservice/stub-outcome.js'

/**
 * How long before the homeserver's timeout could first run out the stub must have written its
 * answer for the homeserver to have had it in hand: the answer still crosses loopback and the
 * homeserver's event loop, and a loaded machine delays both.
 */
export const answerInHandMarginMs = 100

/** A ping with its arranged stub outcome, the homeserver's answer to it, and the stub's calls for it. */
export interface PingWithCalls {
  exchange: HttpExchange
  outcome: StubOutcome
  callbacks: readonly RecordedRequest[]
}

/**
 * Whether the homeserver's timeout answer (504 M_CONNECTION_TIMEOUT, either spelling) to a ping the
 * stub was arranged to answer or reset says nothing about the homeserver: it waited out its whole
 * timeout (`hsTimeoutMs`, less the margin) and the stub cannot be shown to have acted on the call
 * before that could run out. The homeserver's timer started no earlier than the client's send
 * (`exchange.startedAt`), so what the stub did `answerInHandMarginMs` before `startedAt +
 * hsTimeoutMs` was in its hands: a timeout then is the homeserver's bug, and graded. A call not
 * answered yet, or acted on later: the machine ran the suite too slowly (the stub's delays are at
 * most 200 ms), and the spec lets a homeserver give up on so slow an appservice. Always graded: a
 * timeout answer sooner than the timeout (a homeserver shedding pings), no call at all (it never
 * asked the appservice), and a hanging outcome (its timeout is the answer it should get).
 */
export function timedOutBeforeStubAnswer(ping: PingWithCalls, hsTimeoutMs: number): boolean {
  if (ping.outcome.kind === 'hang' || !isTimeoutAnswer(ping.exchange)) return false
  if (ping.exchange.durationMs < hsTimeoutMs - answerInHandMarginMs || ping.callbacks.length === 0) return false
  const inHandBy = ping.exchange.startedAt + hsTimeoutMs - answerInHandMarginMs
  return !ping.callbacks.some((call) => {
    const actedAt = stubActedAt(call)
    return actedAt !== undefined && actedAt < inHandBy
  })
}

/** When the stub answered the call, or reset it: a reset is done the moment the call has been read (StubAppservice's handler). */
function stubActedAt(call: RecordedRequest): number | undefined {
  return call.outcome?.kind === 'reset' ? call.receivedAt : call.answeredAt
}

/** Whether the answer is a timeout's: 504 M_CONNECTION_TIMEOUT (or its FI.MAU.MSC2659_ spelling). */
export function isTimeoutAnswer(exchange: HttpExchange): boolean {
  return exchange.response?.status === 504 && errcodeOfBody(exchange.response.json)?.stable === 'M_CONNECTION_TIMEOUT'
}

/** One line for the note: when the homeserver answered, and when the stub did (relative to the send). */
export function describeLateAnswer(transactionId: string, ping: PingWithCalls): string {
  const { startedAt, durationMs } = ping.exchange
  const call = ping.callbacks.find((c) => stubActedAt(c) !== undefined)
  const actedAt = call && stubActedAt(call)
  const act = call?.outcome?.kind === 'reset' ? 'reset it' : 'answered'
  const stub = actedAt === undefined ? 'the stub had not answered yet' : `the stub ${act} at +${Math.round(actedAt - startedAt)} ms`
  return `ping ${transactionId} got its timeout answer after ${Math.round(durationMs)} ms, ${stub}`
}

/** Why such pings are not graded, in the note and the load summary. */
export function lateStubReason(hsTimeoutMs: number): string {
  return `the homeserver timed out (its timeout is ${hsTimeoutMs} ms) before the stub's answer could reach it — the machine ran the suite too slowly`
}
