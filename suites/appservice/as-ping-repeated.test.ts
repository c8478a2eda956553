import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

const repeats = 3

// A homeserver may retry a ping; a ping has no side effects, so the same one is answered alike each time.
export default appserviceCheck('AS-PING-REPEATED', async (t) => {
  await t.skipIfRejectsUnsolicited()
  const body = { transaction_id: t.txn() }
  const cases = []
  for (let i = 1; i <= repeats; i++)
    cases.push({ name: `ping #${i} of the same transaction_id`, exchange: await t.validPing(body), want: { status: 200, json: [match.isObject()] } })
  must.matchEach(cases)
})
