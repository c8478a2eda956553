import type { HttpExchange } from '../../harness/clients/http-exchange'
import { check, followedRedirect, match, must, responseMismatches, type CheckContext } from '../../harness/scenario'
import type { PingWithResult } from '../../harness/scenario/check-context'
import { answerInBrief, pingSucceeded } from './support/documented-answers'
import { leaveDurationTypeToOk } from './support/duration-type-owner'

/**
 * Redirects that keep the method and body, so a homeserver that follows sends the same ping, with its
 * transaction_id, to the Location: a path on the stub that answers 200 {} for it.
 */
const redirectStatuses = [307, 308]

// MSC2659 speaks only of "non-2xx responses", so a redirect not followed is one: 502 M_BAD_STATUS, with the
// 3xx as `status` where present. One followed is graded on the final answer, 200 {}: a success. Which: INFO.
export default check('HS-PING-REDIRECT', async (t) => {
  // One at a time, in an exclusive window, as HS-PING-BAD-STATUS-ACCURATE: a `status` crossed between pings
  // in flight together is HS-PING-CONCURRENT's fault.
  const { result: results } = await t.inWindow(async () => {
    const each: PingWithResult[] = []
    for (const status of redirectStatuses) each.push(await t.pingWith({ kind: 'redirect', status }))
    return each
  })
  const cases = results.map(({ exchange, callbacks }, i) => {
    const status = redirectStatuses[i]!
    const followed = callbacks.some(followedRedirect)
    const want = followed ? pingSucceeded : { status: 502, errcode: 'M_BAD_STATUS', json: [match.keyEqualWherePresent('status', status)] }
    if (followed) leaveDurationTypeToOk(t, exchange)
    else if (responseMismatches(exchange, want).length > 0) leaveNonSuccessToBadStatus(t, exchange, status)
    return { name: `appservice answers ${status} with a Location, ${followed ? 'followed' : 'not followed'}`, exchange, want }
  })
  t.note(cases.map((c) => `${c.name}: ${answerInBrief(c.exchange)}`).join('; '))
  must.matchEach(cases)
})

/**
 * A redirect not followed but answered wrongly as a failure is a non-2xx answer like any other: what a
 * homeserver makes of those is HS-PING-BAD-STATUS's to grade, and its `status` HS-PING-BAD-STATUS-ACCURATE's.
 * Answered 200, the redirect was taken for a success: that fault is this check's own.
 */
function leaveNonSuccessToBadStatus(t: CheckContext, exchange: HttpExchange, status: number): void {
  const response = exchange.response
  if (!response || response.status === 200) return
  const errcode = (response.json as { errcode?: unknown } | null | undefined)?.errcode
  if (response.status === 502 && errcode === 'M_BAD_STATUS') t.dependOn('HS-PING-BAD-STATUS-ACCURATE', `its ${status} not followed got M_BAD_STATUS, whose status field HS-PING-BAD-STATUS-ACCURATE grades`)
  else t.dependOn('HS-PING-BAD-STATUS', `its ${status} not followed is a non-2xx answer, which got ${answerInBrief(exchange)}: HS-PING-BAD-STATUS grades those`)
}
