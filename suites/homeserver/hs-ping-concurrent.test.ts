import { check, must } from '../../harness/scenario/index.js'
import { aloneAnswerFor, answerLikeAlone, mixedPings, pingEachKindAlone, type MixedPing } from '../../harness/scenario/concurrent-ping-mix.js'

const pingCount = 24

// A shared-state bug makes the debugging aid lie: every concurrent ping must get its own answer,
// the one its kind of outcome gets when it is alone (what that answer should be, each outcome's own check grades).
export default check('HS-PING-CONCURRENT', async (t) => {
  const { main } = t.appservices
  const send = async (ping: MixedPing) => {
    await t.arrange({ [ping.transactionId]: ping.outcome })
    return t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: ping.transactionId } })
  }
  // Truly alone: in an exclusive window no other ping of the run is in flight, so even state shared by the whole server cannot cross.
  const { result: alone } = await t.inWindow(() => pingEachKindAlone(() => t.txn(), send))
  const cases = mixedPings(pingCount, () => t.txn())
  await t.arrange(Object.fromEntries(cases.map((c) => [c.transactionId, c.outcome])))
  const exchanges = await Promise.all(cases.map((c) => t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: c.transactionId } })))
  must.matchEach(
    cases.flatMap((c, i) => {
      const want = answerLikeAlone(c.outcome, aloneAnswerFor(i, alone))
      return want ? [{ name: `ping ${c.transactionId}`, exchange: exchanges[i]!, want }] : []
    }),
  )
})
