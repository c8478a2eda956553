import type { CheckResult } from '../../runner/check-result.js'
import type { ExchangeHops } from './exchange-hops.js'

/**
 * Which hop of the failing exchange to mark, from what the result says and nothing else; undefined
 * when it does not say. A check that names its exchange (`failure.exchangeIndex`: must.matchResponse,
 * matchEach, hold with an exchange) graded the target's answer in it. One that names none graded
 * the calls the homeserver made (must.haveReceived and the holds over callbacks), so with no call
 * out recorded it is the missing one; with calls recorded it may be either, and nothing is marked.
 * Where the target sent one hop only, that is the one.
 */
export function failedHop(result: Pick<CheckResult, 'failure'>, exchange: ExchangeHops): number | undefined {
  if (!result.failure || result.failure.harness) return undefined
  const { hops } = exchange
  const byTarget = hops.flatMap((h, i) => (h.byTarget ? [i] : []))
  if (byTarget.length === 1) return byTarget[0]
  if (result.failure.exchangeIndex !== undefined) {
    const answer = hops.findIndex((h) => h.step === 'answer' && h.byTarget)
    return answer >= 0 ? answer : undefined
  }
  const missingCall = hops.findIndex((h) => h.step === 'call-out' && h.byTarget && !h.arrived)
  return missingCall >= 0 ? missingCall : undefined
}
