import { check, match, must, respondJson, respondText, type StubOutcome } from '../../harness/scenario'
import type { ResponseExpectation } from '../../harness/assert/must'

const pingCount = 24

/** A fixed mix: successes with varied delays, distinct error answers, resets. */
function outcomeFor(i: number, transactionId: string): StubOutcome {
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

function expectationFor(outcome: StubOutcome): ResponseExpectation {
  if (outcome.kind === 'reset') return { status: 502, errcode: 'M_CONNECTION_FAILED' }
  if (outcome.kind === 'respond' && outcome.status === 200) {
    const delay = outcome.delayMs ?? 0
    return { status: 200, json: [match.that(`duration_ms below this ping's own delay of ${delay} ms`, (j) => ((j as { duration_ms?: number }).duration_ms ?? -1) >= delay - 1)] }
  }
  const { status, body } = outcome as Extract<StubOutcome, { kind: 'respond' }>
  const ownOrAbsent = (key: string, want: unknown) =>
    match.that(`${key} belongs to another ping (want ${JSON.stringify(want)})`, (j) => !(j && typeof j === 'object' && key in j) || (j as Record<string, unknown>)[key] === want)
  return { status: 502, errcode: 'M_BAD_STATUS', json: [ownOrAbsent('status', status), ownOrAbsent('body', body)] }
}

// A shared-state bug makes the debugging aid lie: every concurrent ping must get its own answer.
check('HS-PING-CONCURRENT', async (t) => {
  const cases = Array.from({ length: pingCount }, (_, i) => {
    const transactionId = t.txn()
    return { transactionId, outcome: outcomeFor(i, transactionId) }
  })
  await t.stub.arrange(cases)
  const { main } = t.appservices
  const exchanges = await Promise.all(
    cases.map((c) => t.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: c.transactionId } })),
  )
  must.matchEach(cases.map((c, i) => ({ name: `ping ${c.transactionId}`, exchange: exchanges[i]!, want: expectationFor(c.outcome) })))
})
