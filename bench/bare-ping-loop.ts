/**
 * The load mode's yardstick for `npm run bench`: the same pings as `--load N --concurrency C`
 * (the same mix, arranged on the same stub appservice, against the same reference homeserver in
 * one process), sent by a bare loop of `fetch` calls that reads each answer and checks nothing.
 * Prints its figures as one JSON line.
 *
 *   node --import tsx bench/bare-ping-loop.ts --pings N --concurrency C --hs-timeout-ms T
 */
import { parseArgs } from 'node:util'
import { startReferenceSetup } from '../fixtures/reference-homeserver/reference-setup.js'
import { mixedPings } from '../harness/scenario/concurrent-ping-mix.js'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'

const { values } = parseArgs({ options: { pings: { type: 'string' }, concurrency: { type: 'string' }, 'hs-timeout-ms': { type: 'string' } } })
const pingCount = Number(values.pings ?? 2000)
const concurrency = Number(values.concurrency ?? 50)

const setup = await startReferenceSetup({ appserviceTimeoutMs: Number(values['hs-timeout-ms'] ?? 30_000) })
const stub = new StubAppservice()
await stub.start(setup.listen.host, setup.listen.port)
const main = setup.config.registrations.main
const pings = mixedPings(pingCount, (i) => `bare-loop.${i + 1}`)
for (const p of pings) stub.arrange(p.transactionId, p.outcome)

const url = `${setup.homeserver.url}/_matrix/client/v1/appservice/${encodeURIComponent(main.id)}/ping`
const headers = { authorization: `Bearer ${main.as_token}`, 'content-type': 'application/json' }
let next = 0
const lane = async () => {
  for (let i = next++; i < pings.length; i = next++) {
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ transaction_id: pings[i]!.transactionId }) })
    await response.text()
  }
}
const started = performance.now()
await Promise.all(Array.from({ length: Math.min(concurrency, pings.length) }, lane))
const durationMs = performance.now() - started

process.stdout.write(
  `${JSON.stringify({ pings: pingCount, concurrency, durationMs: Math.round(durationMs), throughputPerSec: (pingCount / durationMs) * 1000 })}\n`,
)
await stub.stop()
await setup.close()
process.exit(0)
