import type { CheckResult } from '../../runner/check-result.js'
import { isHop, type ExchangeHops, type Hop, type HopStep } from './exchange-hops.js'

/**
 * Which row (a hop) of the failing exchange to mark, from what the result says and nothing else;
 * undefined when it does not say. A check says which of the target's hops went wrong
 * (`failure.hop`: must.matchResponse and matchEach its answer, must.haveReceived its calls, a hold
 * whichever it names). For a report written before it did: a check that names its exchange
 * (`failure.exchangeIndex`) graded the target's answer in it; one that names none graded the calls
 * the homeserver made, so with no call out recorded it is the missing one; where the target sent
 * one hop only, that is the one; otherwise nothing is marked.
 */
export function failedHop(result: Pick<CheckResult, 'failure'>, exchange: ExchangeHops): number | undefined {
  if (!result.failure || result.failure.harness) return undefined
  const { rows } = exchange
  const said = result.failure.hop
  if (said) return indexOf(rows, (h) => h.byTarget && (said === 'answer' ? answers : calls).includes(h.step))
  const byTarget = rows.flatMap((r, i) => (isHop(r) && r.byTarget ? [i] : []))
  if (byTarget.length === 1) return byTarget[0]
  if (result.failure.exchangeIndex !== undefined) return indexOf(rows, (h) => h.step === 'answer' && h.byTarget)
  return indexOf(rows, (h) => h.step === 'call-out' && h.byTarget && !h.arrived)
}

/** The target's answers: a homeserver's to the suite, an appservice's to a ping (the suite's, or the mock's ping back). */
const answers: readonly HopStep[] = ['answer', 'call-out-answer']
/** The target's calls: a homeserver's to the appservice, an appservice's own ping. */
const calls: readonly HopStep[] = ['request', 'call-out']

function indexOf(rows: ExchangeHops['rows'], test: (hop: Hop) => boolean): number | undefined {
  const index = rows.findIndex((r) => isHop(r) && test(r))
  return index >= 0 ? index : undefined
}
