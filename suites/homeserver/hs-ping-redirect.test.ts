import type { HttpExchange } from '../../harness/clients/http-exchange.js'
import { answerInBrief, check, followedRedirect, match, must, responseMismatches, type ResponseExpectation } from '../../harness/scenario/index.js'
import type { PingWithResult } from '../../harness/scenario/check-context.js'
import type { CheckDependency } from '../../harness/scenario/check-meta.js'
import { pingSucceeded } from './support/documented-answers.js'
import { durationTypeOwner } from './support/duration-type-owner.js'

/**
 * Redirects that keep the method and body, so a homeserver that follows sends the same ping, with its
 * transaction_id, to the Location: a path on the stub that answers 200 {} for it.
 */
const redirectStatuses = [307, 308]

const badStatus: ResponseExpectation = { status: 502, errcode: 'M_BAD_STATUS' }

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
    const want = followed ? pingSucceeded : { ...badStatus, json: [match.keyEqualWherePresent('status', status)] }
    const failing = responseMismatches(exchange, want).length > 0
    return {
      name: `appservice answers ${status} with a Location, ${followed ? 'followed' : 'not followed'}`,
      exchange,
      want,
      owner: failing ? ownerOf(exchange, status, followed) : undefined,
    }
  })
  // Another check's fault only when it explains every case that went wrong: one case of this check's own keeps the failure here.
  const owners = cases.filter((c) => responseMismatches(c.exchange, c.want).length > 0).map((c) => c.owner)
  const [first] = owners
  if (first && owners.every((o) => o?.checkId === first.checkId)) t.dependOn(first.checkId, first.reason)
  t.note(cases.map((c) => `${c.name}: ${answerInBrief(c.exchange)}`).join('; '))
  must.matchEach(cases)
})

/**
 * Whose fault a wrong answer to one redirect is. Followed, a 200 whose duration_ms is no integer is
 * HS-PING-OK's. Not followed, a non-2xx answer like any other: what a homeserver makes of those is
 * HS-PING-BAD-STATUS's to grade, and its `status` HS-PING-BAD-STATUS-ACCURATE's. Answered 200 without
 * following, the redirect was taken for a success: that fault is this check's own (undefined).
 */
function ownerOf(exchange: HttpExchange, status: number, followed: boolean): CheckDependency | undefined {
  const response = exchange.response
  if (!response) return undefined
  if (followed) return durationTypeOwner(exchange)
  if (response.status === 200) return undefined
  // M_BAD_STATUS as the exchange's path spells it: FI.MAU.MSC2659_BAD_STATUS on the v1 path is the mislabelling HS-PING-BAD-STATUS grades.
  if (responseMismatches(exchange, badStatus).length === 0)
    return {
      checkId: 'HS-PING-BAD-STATUS-ACCURATE',
      reason: `its ${status} not followed got M_BAD_STATUS, whose status field HS-PING-BAD-STATUS-ACCURATE grades`,
    }
  return {
    checkId: 'HS-PING-BAD-STATUS',
    reason: `its ${status} not followed is a non-2xx answer, which got ${answerInBrief(exchange)}: HS-PING-BAD-STATUS grades those`,
  }
}
