import { check, must } from '../../harness/scenario'
import { mixedPings, ownAnswer } from '../../harness/scenario/concurrent-ping-mix'

const pingCount = 24

// A shared-state bug makes the debugging aid lie: every concurrent ping must get its own answer.
check('HS-PING-CONCURRENT', async (t) => {
  const cases = mixedPings(pingCount, () => t.txn())
  await t.stub.arrange(cases)
  const { main } = t.appservices
  const exchanges = await Promise.all(
    cases.map((c) => t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: c.transactionId } })),
  )
  must.matchEach(cases.map((c, i) => ({ name: `ping ${c.transactionId}`, exchange: exchanges[i]!, want: ownAnswer(c.outcome) })))
})
