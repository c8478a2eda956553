import type { HttpExchange } from '../../harness/clients/http-exchange.js'
import { check, must, SkipCheck } from '../../harness/scenario/index.js'
import { aloneAnswerFor, answerLikeAlone, mixedPings, pingEachKindAlone, type MixedPing } from '../../harness/scenario/concurrent-ping-mix.js'
import { describeLateAnswer, isTimeoutAnswer, lateStubReason, timedOutBeforeStubAnswer } from '../../harness/scenario/late-stub-answer.js'

const pingCount = 24

// A shared-state bug makes the debugging aid lie: every concurrent ping must get its own answer,
// the one its kind of outcome gets when it is alone (what that answer should be, each outcome's own check grades).
export default check('HS-PING-CONCURRENT', async (t) => {
  const { main } = t.appservices
  const hsTimeoutMs = t.run.hsTimeoutMs
  const send = async (ping: MixedPing) => {
    await t.arrange({ [ping.transactionId]: ping.outcome })
    return t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: ping.transactionId } })
  }
  // Truly alone: in an exclusive window no other ping of the run is in flight, so even state shared by the whole server cannot cross.
  const { result: alone } = await t.inWindow(() => pingEachKindAlone(() => t.txn(), send))
  const cases = mixedPings(pingCount, () => t.txn())
  await t.arrange(Object.fromEntries(cases.map((c) => [c.transactionId, c.outcome])))
  const exchanges = await Promise.all(cases.map((c) => t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: c.transactionId } })))
  // What the stub saw of every ping, all answered by now: when the stub answered tells a slow machine from a homeserver's bug.
  // A timeout answer's call may still be on its way to a slowed stub: it gets the settle wait, so a call that came is seen.
  const withCalls = <P extends { transactionId: string; exchange: HttpExchange }>(p: P) =>
    t.callbacksFor(p.transactionId, p.exchange, isTimeoutAnswer(p.exchange) ? undefined : 0).then((callbacks) => ({ ...p, callbacks }))
  const alonePings = await Promise.all(alone.map(withCalls))
  const pings = await Promise.all(cases.map((c, i) => withCalls({ ...c, exchange: exchanges[i]!, alone: aloneAnswerFor(i, alonePings) })))
  // A timeout the stub's answer could not have beaten is the machine's slowness, not the homeserver's (conformance-policy: timing never fails a conformant server).
  const late = [...alonePings, ...pings].filter((p) => timedOutBeforeStubAnswer(p, hsTimeoutMs))
  const ungraded = pings.filter((p) => late.includes(p) || late.includes(p.alone))
  const graded = pings
    .filter((p) => !ungraded.includes(p))
    .flatMap((p) => {
      const want = answerLikeAlone(p.outcome, p.alone)
      return want ? [{ ...p, want }] : []
    })
  if (ungraded.length) {
    const yardstickless = ungraded.filter((p) => !late.includes(p)).length
    const why = yardstickless ? `; ${yardstickless} of them because the alone ping of their kind, their yardstick, timed out so` : ''
    t.note(
      `${ungraded.length} of ${pingCount} pings not graded: ${lateStubReason(hsTimeoutMs)}${why}; ${late.map((p) => describeLateAnswer(p.transactionId, p)).join('; ')}`,
    )
  }
  must.matchEach(graded.map((p) => ({ name: `ping ${p.transactionId}`, exchange: p.exchange, want: p.want })))
  // Only pings the stub answers can get another's answer: with none of them graded, nothing was.
  if (ungraded.length && !graded.some((p) => p.outcome.kind === 'respond')) {
    throw new SkipCheck(`not graded: every ping the stub answers timed out at the homeserver before the stub's answer could reach it (see the note)`)
  }
})
