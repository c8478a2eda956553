import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { brokenAppservices } from '../fixtures/broken-appservices/index.js'
import { createReferenceAppservice, type ReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import { appserviceRequirements } from '../harness/requirements/appservice-requirements.js'
import { appserviceConformance, defaultMockHomeserverUrl } from '../index.js'
import { appserviceChecks } from '../suites/appservice/index.js'
import { readReport, statuses } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli } from './support/run-cli.js'

/**
 * Each broken appservice, in process through the library API: its `mustFail` checks must fail and
 * its `mustWarn` checks warn (their tests pass when they do, and fail when they pass); every other
 * check must pass or skip. Together they show that each check catches a bug.
 */
const started: ReferenceAppservice[] = []
afterAll(() => started.forEach((a) => a.close()))

for (const variant of brokenAppservices) {
  const credentials = referenceAppserviceCredentials()
  const appservice = createReferenceAppservice({ ...credentials, homeserverUrl: defaultMockHomeserverUrl, behaviour: variant.behaviour() })
  started.push(appservice)
  appserviceConformance({
    name: `broken appservice '${variant.name}': ${variant.bug}`,
    app: appservice.handler,
    ...credentials,
    ping: () => appservice.pingHomeserver(),
    expectations: Object.fromEntries([...variant.mustFail, ...(variant.mustWarn ?? [])].map((id) => [id, { expect: 'fail' as const, reason: variant.bug }])),
    survivalGraceMs: 50,
  })
}

describe('the broken appservices', () => {
  it("face every appservice check: the library declares each one, in the registry's order", () => {
    expect(appserviceChecks.map((c) => c.id)).toEqual(appserviceRequirements.map((r) => r.id))
  })

  it('make every appservice check fail or warn at least once (INFO checks never do)', () => {
    const caught = new Set(brokenAppservices.flatMap((v) => [...v.mustFail, ...(v.mustWarn ?? [])]))
    const uncaught = appserviceRequirements.filter((r) => r.level !== 'INFO' && !caught.has(r.id)).map((r) => r.id)
    expect(uncaught).toEqual([])
  })

  it('list only checks of the right level: MUST in mustFail, SHOULD in mustWarn', () => {
    const level = new Map<string, string>(appserviceRequirements.map((r) => [r.id, r.level]))
    for (const v of brokenAppservices) {
      for (const id of v.mustFail) expect(`${v.name}: ${id} ${level.get(id)}`).toBe(`${v.name}: ${id} MUST`)
      for (const id of v.mustWarn ?? []) expect(`${v.name}: ${id} ${level.get(id)}`).toBe(`${v.name}: ${id} SHOULD`)
    }
  })
})

// The two CLI runs below are independent: consecutive concurrent blocks run at once (one child each).
describe.concurrent('a broken appservice the suite starts itself (--spawn)', () => {
  it('is caught ending its process when its ping fails (exits-on-ping-failure), and --strict makes that warning fail the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-broken-as-'))
    try {
      const file = join(dir, 'report.json')
      const run = await runCli([
        'reference',
        '--appservice-variant',
        'exits-on-ping-failure',
        '--only',
        'AS-PING-OK,AS-CLIENT-SURVIVES-ERRORS',
        '--strict',
        '--report',
        `json=${file}`,
      ])
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
      const report = await readReport(file)
      expect(statuses(report)).toEqual({ 'AS-PING-OK': 'pass', 'AS-CLIENT-SURVIVES-ERRORS': 'warn' })
      expect(report.results[1]!.failure?.mismatches.join('\n')).toMatch(/the appservice ended by itself \(exit code 16/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe.concurrent('a broken appservice reached by URL (no ping of its own to compare)', () => {
  it('rejects-unsolicited-pings: AS-PING-OK is graded as in the other modes (skipped, not failed), and AS-PING-UNSOLICITED warns', async () => {
    const credentials = referenceAppserviceCredentials()
    const variant = brokenAppservices.find((v) => v.name === 'rejects-unsolicited-pings')!
    const appservice = createReferenceAppservice({ ...credentials, behaviour: variant.behaviour() })
    const served = await serveOnLoopback(appservice.handler)
    const dir = await mkdtemp(join(tmpdir(), 'asp-broken-url-'))
    try {
      const file = join(dir, 'report.json')
      const run = await runCli(
        ['appservice', '--as-url', served.url, '--only', 'AS-PING-OK,AS-PING-NO-TXN-OK,AS-PING-UNSOLICITED', '--report', `json=${file}`],
        { env: { CONFORMANCE_HS_TOKEN: credentials.hsToken } },
      )
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
      expect(statuses(await readReport(file))).toEqual({ 'AS-PING-OK': 'skip', 'AS-PING-NO-TXN-OK': 'skip', 'AS-PING-UNSOLICITED': 'warn' })
    } finally {
      await served.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
