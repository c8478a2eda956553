import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { brokenAppservices } from '../fixtures/broken-appservices/index.js'
import { conformantAppservices } from '../fixtures/conformant-appservices/index.js'
import { createReferenceAppservice, type ReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import { appserviceConformance, defaultMockHomeserverUrl } from '../index.js'
import type { RunReport } from '../reports/run-report.js'
import { concurrencyLimit } from '../scripts/support/concurrency-limit.js'
import { readReport } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli } from './support/run-cli.js'

/**
 * Each conformant appservice differs from the reference only where the spec allows it, so every
 * appservice check must pass (or skip, or note INFO) against it, however the suite reaches it: in
 * process through the library, by URL, and started with --spawn. `strict` everywhere: a warning
 * is as much a false verdict as a failure.
 */
const started: ReferenceAppservice[] = []
afterAll(() => started.forEach((a) => a.close()))

for (const variant of conformantAppservices) {
  const credentials = referenceAppserviceCredentials()
  const appservice = createReferenceAppservice({ ...credentials, homeserverUrl: defaultMockHomeserverUrl, behaviour: variant.behaviour() })
  started.push(appservice)
  appserviceConformance({
    name: `conformant appservice '${variant.name}' in process: ${variant.difference}`,
    app: appservice.handler,
    ...credentials,
    ping: () => appservice.pingHomeserver(),
    strict: true,
    survivalGraceMs: 50,
  })
}

/** Every check that failed or warned, with its first mismatch, for a readable assertion. */
function falseVerdicts(report: RunReport): string[] {
  return report.results
    .filter((r) => r.status === 'fail' || r.status === 'warn')
    .map((r) => `${r.id} ${r.status}: ${r.failure?.mismatches[0] ?? r.message ?? ''}`)
}

/**
 * The CLI runs of this file, each against its own target, two at once: the file runs beside the
 * other files of whole-suite runs, and more children at once on a shared two-core machine slow
 * the checks that measure time into false failures.
 */
const cliRun = concurrencyLimit(2)

describe.concurrent('the conformant appservices, run by the CLI', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-conformant-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  for (const variant of conformantAppservices) {
    it(`${variant.name}: no failure and no warning by URL`, () =>
      cliRun(async () => {
        const credentials = referenceAppserviceCredentials()
        const appservice = createReferenceAppservice({ ...credentials, behaviour: variant.behaviour() })
        const served = await serveOnLoopback(appservice.handler)
        try {
          const file = join(dir, `${variant.name}.url.json`)
          const run = await runCli(['appservice', '--as-url', served.url, '--strict', '--report', `json=${file}`], {
            env: { CONFORMANCE_HS_TOKEN: credentials.hsToken },
          })
          expect(falseVerdicts(await readReport(file))).toEqual([])
          expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
        } finally {
          appservice.close()
          await served.close()
        }
      }))

    it(`${variant.name}: no failure and no warning with --spawn`, () =>
      cliRun(async () => {
        const file = join(dir, `${variant.name}.spawn.json`)
        const run = await runCli(['reference', '--role', 'appservice', '--appservice-variant', variant.name, '--strict', '--report', `json=${file}`])
        expect(falseVerdicts(await readReport(file))).toEqual([])
        expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
      }))
  }
})

// Its two CLI runs share the file's limit, waiting for a slot within their timeout.
describe.concurrent('the conformant appservices', () => {
  it(
    'rate-limits-first-requests: each 429 is waited out, never graded, and the report lists it with its check, path and wait',
    () =>
      cliRun(async () => {
        const variant = conformantAppservices.find((v) => v.name === 'rate-limits-first-requests')!
        const credentials = referenceAppserviceCredentials()
        const appservice = createReferenceAppservice({ ...credentials, behaviour: variant.behaviour() })
        const served = await serveOnLoopback(appservice.handler)
        const dir = await mkdtemp(join(tmpdir(), 'asp-rate-limited-'))
        try {
          const file = join(dir, 'report.json')
          const run = await runCli(['appservice', '--as-url', served.url, '--strict', '--report', `json=${file}`], {
            env: { CONFORMANCE_HS_TOKEN: credentials.hsToken },
          })
          const report = await readReport(file)
          expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
          const limited = report.results.filter((r) => r.rateLimited?.length)
          expect(limited.map((r) => r.id)).toEqual(expect.arrayContaining(['AS-PING-OK', 'AS-PING-WRONG-TOKEN', 'AS-PING-MISSING-TOKEN']))
          for (const request of limited.flatMap((r) => r.rateLimited!)) expect(request).toMatchObject({ retryAfterMs: 0, from: 'Retry-After', waitedMs: 0 })
          expect(limited.flatMap((r) => r.rateLimited!).map((q) => q.path)).toContain('/_matrix/app/v1/ping')
          expect(run.stdout).toMatch(/^Rate-limited: \d+ answers were 429, never graded; the suite waited 0 ms in all and sent the requests again$/m)
          expect(`${run.stdout}${run.stderr}`).not.toContain(credentials.hsToken)
        } finally {
          appservice.close()
          await served.close()
          await rm(dir, { recursive: true, force: true })
        }
      }),
    120_000,
  )

  it(
    "msc2659-era-unstable-ping: its ping of MSC2659's unstable path is graded as such, and the check, the console and the JSON report say so",
    () =>
      cliRun(async () => {
        const dir = await mkdtemp(join(tmpdir(), 'asp-msc2659-era-'))
        try {
          const file = join(dir, 'report.json')
          const run = await runCli([
            'reference',
            '--role',
            'appservice',
            '--appservice-variant',
            'msc2659-era-unstable-ping',
            '--only',
            'AS-CLIENT-PING-PATH',
            '--report',
            `json=${file}`,
          ])
          expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
          const unstablePath = 'POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping'
          expect(run.stdout.match(/^The appservice pinged .*MSC2659's unstable endpoint.*$/gm)).toEqual([expect.stringContaining(unstablePath)])
          const report = await readReport(file)
          expect(report).toMatchObject({ dialect: 'unstable', endpoints: { pingAppservice: unstablePath, ping: 'POST /_matrix/app/v1/ping' } })
          expect(report.results[0]).toMatchObject({
            status: 'pass',
            message: expect.stringMatching(
              /^the appservice pinged \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/[^/]+\/ping: MSC2659's unstable endpoint/,
            ),
          })
        } finally {
          await rm(dir, { recursive: true, force: true })
        }
      }),
    120_000,
  )

  it('are at least eight, and share no name with a broken one (one namespace for --appservice-variant)', () => {
    expect(conformantAppservices.length).toBeGreaterThanOrEqual(8)
    const names = [...brokenAppservices, ...conformantAppservices].map((v) => v.name)
    expect(new Set(names).size).toBe(names.length)
  })
})
