import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/http/free-port.js'
import { nodeModuleCommand } from '../harness/package-files.js'
import { readReport, statuses } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli } from './support/run-cli.js'

/**
 * The survival check's fault rounds run at once, an instance of the appservice each, unless the
 * appservice ignores the port or homeserver it is given: then one at a time, as the check says,
 * with the same grades. The appservices below ignore them because their --spawn command line
 * overrides the variables the suite sets.
 */
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-fault-rounds-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const reference = nodeModuleCommand('fixtures/reference-appservice/main')
const only = 'AS-PING-OK,AS-CLIENT-SURVIVES-ERRORS'
/** Where the appservice is to listen (--as-url), and where the run's mock homeserver does (--hs-listen, when given). */
interface Ports {
  as: number
  hs: number
}

/** A CLI run with --spawn `command` and any further arguments, both given the run's two ports. */
async function runSpawned(name: string, command: (ports: Ports) => string, extra: (ports: Ports) => string[] = () => []) {
  const credentials = referenceAppserviceCredentials()
  const ports = { as: await freePort(), hs: await freePort() }
  const file = join(dir, `${name}.json`)
  const run = await runCli(
    ['appservice', '--as-url', `http://127.0.0.1:${ports.as}`, '--spawn', command(ports), '--only', only, '--report', `json=${file}`, ...extra(ports)],
    { env: { CONFORMANCE_HS_TOKEN: credentials.hsToken, CONFORMANCE_AS_TOKEN: credentials.asToken, CONFORMANCE_AS_ID: credentials.asId } },
  )
  const report = await readReport(file)
  return { run, report, survival: report.results.find((r) => r.id === 'AS-CLIENT-SURVIVES-ERRORS')! }
}

describe('the fault rounds of AS-CLIENT-SURVIVES-ERRORS', () => {
  it('run at once for an appservice that listens and pings where it is told, and the check says so', async () => {
    const { run, report, survival } = await runSpawned('at-once', () => reference)
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(statuses(report)).toEqual({ 'AS-PING-OK': 'pass', 'AS-CLIENT-SURVIVES-ERRORS': 'pass' })
    expect(survival.message).toMatch(/^the 5 fault rounds ran at once/)
  })

  it('run one at a time for an appservice that ignores CONFORMANCE_AS_PORT, graded as before (exits-on-ping-failure still warns)', async () => {
    const { run, report, survival } = await runSpawned(
      'port-ignored',
      (ports) => `CONFORMANCE_AS_PORT=${ports.as} ${reference} --variant exits-on-ping-failure`,
    )
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(statuses(report)).toEqual({ 'AS-PING-OK': 'pass', 'AS-CLIENT-SURVIVES-ERRORS': 'warn' })
    expect(survival.message).toMatch(/the 5 fault rounds ran one at a time: something listened at http:\/\/127\.0\.0\.1:\d+ \(--as-url\) instead/)
    expect(survival.failure?.mismatches.join('\n')).toMatch(/the appservice ended by itself \(exit code 16/)
  })

  it('run one at a time for an appservice that ignores CONFORMANCE_HS_URL, and it passes as before', async () => {
    const { run, report, survival } = await runSpawned(
      'homeserver-ignored',
      (ports) => `CONFORMANCE_HS_URL=http://127.0.0.1:${ports.hs} ${reference}`,
      (ports) => ['--hs-listen', `127.0.0.1:${ports.hs}`],
    )
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(statuses(report)).toEqual({ 'AS-PING-OK': 'pass', 'AS-CLIENT-SURVIVES-ERRORS': 'pass' })
    expect(survival.message).toMatch(/the 5 fault rounds ran one at a time: a ping reached the run's mock homeserver at http:\/\/127\.0\.0\.1:\d+ instead/)
  })
})
