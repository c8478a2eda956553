import { match } from '../assert/match'
import type { ResponseExpectation } from '../assert/must'
import { respondJson, respondText, type RespondOutcome, type StubOutcome } from '../stub-appservice/stub-outcome'

/** One ping of a concurrent batch: its own transaction_id and its own stub outcome. */
export interface MixedPing {
  transactionId: string
  outcome: StubOutcome
}

/**
 * The fixed mix concurrent pings are drawn from (HS-PING-CONCURRENT, and the load mode's
 * HS-PING-LOAD): successes with varied delays, error answers whose bodies name their own ping,
 * resets. Each answer differs from its neighbours', so an answer given to the wrong ping shows.
 */
export function mixedPingOutcome(i: number, transactionId: string): StubOutcome {
  switch (i % 4) {
    case 0:
      return respondJson(200, {}, 20 + ((i * 37) % 180))
    case 1:
      return respondJson(400 + (i % 20), { errcode: 'M_UNKNOWN', error: `answer for ${transactionId}` })
    case 2:
      return respondText(500 + (i % 4), `plain answer for ${transactionId}`)
    default:
      return { kind: 'reset' }
  }
}

/** `count` pings of the mix, each with a fresh transaction_id from `nextTransactionId`. */
export function mixedPings(count: number, nextTransactionId: (i: number) => string): MixedPing[] {
  return Array.from({ length: count }, (_, i) => {
    const transactionId = nextTransactionId(i)
    return { transactionId, outcome: mixedPingOutcome(i, transactionId) }
  })
}

/** The answer a ping of the mix must get: its own, never a neighbour's. */
export function ownAnswer(outcome: StubOutcome): ResponseExpectation {
  if (outcome.kind === 'reset') return { status: 502, errcode: 'M_CONNECTION_FAILED' }
  if (outcome.kind === 'respond' && outcome.status === 200) {
    const delay = outcome.delayMs ?? 0
    return { status: 200, json: [match.that(`duration_ms below this ping's own delay of ${delay} ms`, (j) => ((j as { duration_ms?: number } | null)?.duration_ms ?? -1) >= delay - 1)] }
  }
  const { status, body } = outcome as RespondOutcome
  const ownOrAbsent = (key: string, want: unknown) =>
    match.that(`${key} belongs to another ping (want ${JSON.stringify(want)})`, (j) => !(j && typeof j === 'object' && key in j) || (j as Record<string, unknown>)[key] === want)
  return { status: 502, errcode: 'M_BAD_STATUS', json: [ownOrAbsent('status', status), ownOrAbsent('body', body)] }
}
