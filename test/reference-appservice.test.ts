import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReferenceAppservice, type ReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { freePort } from '../harness/http/free-port.js'
import { renderRegistration } from '../harness/registration/appservice-registration.js'
import { appserviceRequirements } from '../harness/requirements/appservice-requirements.js'
import { readReport, statuses } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli } from './support/run-cli.js'

/**
 * The reference appservice passes every appservice check, however the suite reaches it: started
 * by `--spawn` (what `npm start` does), by URL, and by URL with its own ping awaited
 * (--wait-for-ping). In process, through the library API: see readme-example.test.ts.
 */
const ids = appserviceRequirements.map((r) => r.id)
const clientIds: string[] = appserviceRequirements.filter((r) => r.endpoint === 'pingAppservice').map((r) => r.id)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-appservice-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the reference appservice', () => {
  it('passes every check when the suite starts it (--spawn, as `reference` does)', async () => {
    const file = join(dir, 'spawn.json')
    const run = await runCli(['reference', '--role', 'appservice', '--report', `json=${file}`])
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(run.stderr).toBe('')
    const report = await readReport(file)
    expect(report.role).toBe('appservice')
    expect(statuses(report)).toEqual(Object.fromEntries(ids.map((id) => [id, 'pass'])))
    expect(run.stdout).toContain(`Summary: ${ids.length} checks: ${ids.length} passed, 0 failed, 0 warned, 0 skipped`)
  })

  describe('reached by URL', () => {
    const credentials = referenceAppserviceCredentials()
    let appservice: ReferenceAppservice
    let server: Server
    let url: string
    let homeserverPort: number
    const env = { CONFORMANCE_HS_TOKEN: credentials.hsToken, CONFORMANCE_AS_TOKEN: credentials.asToken, CONFORMANCE_AS_ID: credentials.asId }

    beforeAll(async () => {
      homeserverPort = await freePort()
      appservice = createReferenceAppservice({ ...credentials, homeserverUrl: `http://127.0.0.1:${homeserverPort}` })
      server = createServer(appservice.handler)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    })
    afterAll(async () => {
      appservice.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })

    it('passes the checks of its ping endpoint, and skips those of its own ping, saying why', async () => {
      const file = join(dir, 'url.json')
      const run = await runCli(['appservice', '--as-url', url, '--report', `json=${file}`], { env })
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
      const report = await readReport(file)
      expect(statuses(report)).toEqual(Object.fromEntries(ids.map((id) => [id, clientIds.includes(id) ? 'skip' : 'pass'])))
      for (const r of report.results.filter((r) => clientIds.includes(r.id))) expect(r.message).toMatch(/--spawn|--wait-for-ping/)
      for (const token of Object.values(credentials).slice(0, 2)) expect(`${run.stdout}${run.stderr}${JSON.stringify(report)}`).not.toContain(token)
    })

    it('also grades its own ping when it pings the mock homeserver within --wait-for-ping', async () => {
      const file = join(dir, 'wait.json')
      // The tokens, id and url from a registration file this time.
      const registration = join(dir, 'registration.yaml')
      await writeFile(
        registration,
        renderRegistration({
          id: credentials.asId,
          url,
          as_token: credentials.asToken,
          hs_token: credentials.hsToken,
          sender_localpart: 'ref_bot',
          namespaces: { users: [], aliases: [], rooms: [] },
          rate_limited: false,
        }),
      )
      const cli = runCli([
        'appservice',
        '--registration',
        registration,
        '--wait-for-ping',
        '20',
        '--hs-listen',
        `127.0.0.1:${homeserverPort}`,
        '--report',
        `json=${file}`,
      ])
      // Started "by the user" before the mock homeserver is up: it retries until it is.
      void appservice.pingHomeserverOnStart({ attempts: 40, delayMs: 250 })
      const run = await cli
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
      expect(run.stdout).toContain(`Mock homeserver at http://127.0.0.1:${homeserverPort}`)
      const report = await readReport(file)
      expect(statuses(report)).toEqual(Object.fromEntries(ids.map((id) => [id, id === 'AS-CLIENT-SURVIVES-ERRORS' ? 'skip' : 'pass'])))
      expect(report.results.find((r) => r.id === 'AS-CLIENT-SURVIVES-ERRORS')?.message).toMatch(/pass --spawn/)
    })
  })
})
