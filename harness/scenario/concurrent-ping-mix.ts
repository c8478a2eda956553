import type { HttpExchange } from '../clients/http-exchange.js'
import { isJsonObject } from '../http/parse-json.js'
import { match, type JsonMatcher } from '../assert/match.js'
import type { ResponseExpectation } from '../assert/must.js'
import { respondJson, respondText, type StubOutcome } from '../stub-appservice/stub-outcome.js'

/** One ping of a concurrent batch: its own transaction_id and its own stub outcome. */
export interface MixedPing {
  transactionId: string
  outcome: StubOutcome
}

/** The kinds of outcome in the mix; ping i is of kind i % mixKinds. */
const mixKinds = 4

/** The successes' delays: from minDelayMs to minDelayMs + delaySpreadMs - 1. */
const minDelayMs = 20
const delaySpreadMs = 180

/**
 * The fixed mix concurrent pings are drawn from (HS-PING-CONCURRENT, and the load mode's
 * HS-PING-LOAD): successes with varied delays, error answers whose bodies name their own ping,
 * resets. Each answer differs from its neighbours', so an answer given to the wrong ping shows.
 */
function mixedPingOutcome(i: number, transactionId: string): StubOutcome {
  switch (i % mixKinds) {
    case 0:
      return respondJson(200, {}, minDelayMs + ((i * 37) % delaySpreadMs))
    case 1:
      return respondJson(400 + (i % 20), { errcode: 'M_UNKNOWN', error: `answer for ${transactionId}` })
    case 2:
      return respondText(500 + (i % 4), `plain answer for ${transactionId}`)
    default:
      return { kind: 'reset' }
  }
}

/** The mix's ping i, with its transaction_id: made when it is sent, so a load of any size need not hold them all. */
export function mixedPing(i: number, transactionId: string): MixedPing {
  return { transactionId, outcome: mixedPingOutcome(i, transactionId) }
}

/** `count` pings of the mix, each with a fresh transaction_id from `nextTransactionId`. */
export function mixedPings(count: number, nextTransactionId: (i: number) => string): MixedPing[] {
  return Array.from({ length: count }, (_, i) => mixedPing(i, nextTransactionId(i)))
}

/** What one ping of each kind got when it was the only one of the batch in flight: the yardstick for the concurrent ones. */
export interface AloneAnswer extends MixedPing {
  exchange: HttpExchange
}

/**
 * One ping of each kind of the mix, one after another, each the only one of its batch in flight.
 * `send` arranges the stub's outcome for the ping and sends it.
 */
export async function pingEachKindAlone(nextTransactionId: (i: number) => string, send: (ping: MixedPing) => Promise<HttpExchange>): Promise<AloneAnswer[]> {
  const answers: AloneAnswer[] = []
  for (const ping of mixedPings(mixKinds, nextTransactionId)) {
    // The success waits the mix's longest delay: a duration_ms that holds for it alone holds for every shorter one.
    const outcome = ping.outcome.kind === 'respond' && ping.outcome.status === 200 ? respondJson(200, {}, minDelayMs + delaySpreadMs - 1) : ping.outcome
    answers.push({ transactionId: ping.transactionId, outcome, exchange: await send({ ...ping, outcome }) })
  }
  return answers
}

/** The alone answer of the kind of the mix's ping i. */
export function aloneAnswerFor<A extends AloneAnswer>(i: number, alone: readonly A[]): A {
  return alone[i % mixKinds]!
}

/**
 * The answer a concurrent ping must get: the one its kind of outcome got alone, with its own
 * values where the alone answer carried its own. Concurrency is this check's only subject, so what
 * a homeserver answers to one outcome even alone (a reset taken for a timeout, a made-up
 * duration_ms) is graded by that outcome's own check and not counted again here. `undefined`:
 * the alone ping got no answer, so there is nothing to compare with.
 */
export function answerLikeAlone(outcome: StubOutcome, alone: AloneAnswer): ResponseExpectation | undefined {
  const response = alone.exchange.response
  if (!response) return undefined
  const aloneJson = isJsonObject(response.json) ? response.json : undefined
  const json: JsonMatcher[] = []
  if (typeof aloneJson?.errcode === 'string') json.push(match.keyEqual('errcode', aloneJson.errcode))
  if (outcome.kind === 'respond' && alone.outcome.kind === 'respond') {
    // Each field is compared only where the alone answer had this ping's own value in it.
    if (aloneJson?.status === alone.outcome.status) json.push(match.keyEqual('status', outcome.status))
    if (aloneJson?.body === alone.outcome.body) json.push(match.keyEqual('body', outcome.body))
    const aloneDelay = alone.outcome.delayMs ?? 0
    if (typeof aloneJson?.duration_ms === 'number' && aloneJson.duration_ms >= aloneDelay - 1) json.push(atLeastOwnDelay(outcome.delayMs ?? 0))
  }
  return { status: response.status, ...(json.length ? { json } : {}) }
}

function atLeastOwnDelay(delayMs: number): JsonMatcher {
  return match.that(
    `duration_ms below this ping's own delay of ${delayMs} ms (alone, the same outcome got at least its delay)`,
    (j) => isJsonObject(j) && typeof j.duration_ms === 'number' && j.duration_ms >= delayMs - 1,
  )
}
