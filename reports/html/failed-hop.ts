import type { CheckResult } from '../../runner/check-result.js'
import { isHop, type ExchangeHops, type Hop } from './exchange-hops.js'

/**
 * Which row (a hop) of the failing exchange to mark, from what the result says and nothing else; undefined
 * when it does not say. A check that names its exchange (`failure.exchangeIndex`: must.matchResponse,
 * matchEach, hold with an exchange) graded the target's answer in it. One that names none graded
 * the calls the homeserver made (must.haveReceived and the holds over callbacks), so with no call
 * out recorded it is the missing one; with calls recorded it may be either, and nothing is marked.
 * Where the target sent one hop only, that is the one.
 */
export function failedHop(result: Pick<CheckResult, 'failure'>, exchange: ExchangeHops): number | undefined {
  if (!result.failure || result.failure.harness) return undefined
  const { rows } = exchange
  const byTarget = rows.flatMap((r, i) => (isHop(r) && r.byTarget ? [i] : []))
  if (byTarget.length === 1) return byTarget[0]
  if (result.failure.exchangeIndex !== undefined) return indexOf(rows, (h) => h.step === 'answer' && h.byTarget)
  return indexOf(rows, (h) => h.step === 'call-out' && h.byTarget && !h.arrived)
}

function indexOf(rows: ExchangeHops['rows'], test: (hop: Hop) => boolean): number | undefined {
  const index = rows.findIndex((r) => isHop(r) && test(r))
  return index >= 0 ? index : undefined
}
