import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

const pingCount = 20

// Pings may overlap (several homeserver workers, a client retrying): each one is answered on its own.
export default appserviceCheck('AS-PING-CONCURRENT', async (t) => {
  await t.skipIfRejectsUnsolicited()
  const bodies = Array.from({ length: pingCount }, () => ({ transaction_id: t.txn() }))
  const exchanges = await Promise.all(bodies.map((body) => t.validPing(body)))
  must.matchEach(
    exchanges.map((exchange, i) => ({ name: `concurrent ping ${bodies[i]!.transaction_id}`, exchange, want: { status: 200, json: [match.isObject()] } })),
  )
})
