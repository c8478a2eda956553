import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../reports/run-report.js'
import { runCli } from './support/run-cli.js'

/** The broken variant with state shared between concurrent pings (fixtures/broken-homeservers). */
const sharedStateVariant = 'shared-error-state'

// The load runs in the same process as the reference homeserver and its stub appservice: on a busy
// machine a ping can wait seconds for the CPU, so the reference gets a timeout that no starved ping
// reaches. A 504 is a mismatch too, and would fail the reference for the machine's sake.
const starvedMachineTimeoutMs = '10000'

describe('load mode (--load N --concurrency C, graded as HS-PING-LOAD)', () => {
  let dir: string
  const reportFile = (name: string) => join(dir, `${name}.json`)
  const readReport = async (name: string) => JSON.parse(await readFile(reportFile(name), 'utf8')) as RunReport

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-load-'))
  })

  it('passes the reference homeserver at concurrency 50 alongside the full run, with its figures in both reports', async () => {
    const run = await runCli([
      'reference',
      '--load',
      '500',
      '--concurrency',
      '50',
      '--hs-timeout-ms',
      starvedMachineTimeoutMs,
      '--report',
      `json=${reportFile('reference')}`,
    ])
    expect(run.code).toBe(0)
    const report = await readReport('reference')
    expect(report.results.find((r) => r.id === 'HS-PING-LOAD')?.status).toBe('pass')
    expect(report.results.find((r) => r.id === 'HS-PING-CONCURRENT')?.status).toBe('pass')
    expect(report.load).toMatchObject({ pings: 500, concurrency: 50, mismatches: 0 })
    expect(report.load!.throughputPerSec).toBeGreaterThan(0)
    expect(report.load!.roundTripMs.p99).toBeGreaterThanOrEqual(report.load!.roundTripMs.p50)
    expect(report.load!.durationMsReported.p50).toBeGreaterThanOrEqual(0)
    expect(run.stdout).toMatch(/^Load: 500 pings, 50 at a time, in \d+ ms: [\d.]+ pings\/s; 0 answers not the ping's own$/m)
    expect(run.stdout).toMatch(/round trip seen by the suite: +p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/)
  })

  it(`fails the shared-state variant (${sharedStateVariant}) with every crossed answer counted`, async () => {
    const run = await runCli([
      'reference',
      '--variant',
      sharedStateVariant,
      '--only',
      'HS-PING-LOAD',
      '--load',
      '500',
      '--concurrency',
      '50',
      '--report',
      `json=${reportFile('variant')}`,
    ])
    expect(run.code).toBe(1)
    const report = await readReport('variant')
    const load = report.results.find((r) => r.id === 'HS-PING-LOAD')
    expect(load?.status).toBe('fail')
    expect(report.load!.mismatches).toBeGreaterThan(0)
    expect(load?.message).toBe(`${report.load!.mismatches} of 500 pings did not get their own answer (50 at a time)`)
    // The mismatches name the crossing itself: another ping's status or body.
    expect(load?.failure?.mismatches.some((m) => /key '(status|body)' got .* want /.test(m))).toBe(true)
    expect(load?.transcript?.length).toBeGreaterThan(0)
    expect(run.stdout).toContain('✗ HS-PING-LOAD')
  })

  it('leaves HS-PING-LOAD out of a normal run, and lists it as skipped when asked for without --load', async () => {
    const normal = await runCli(['reference', '--role', 'homeserver', '--hs-timeout-ms', starvedMachineTimeoutMs, '--report', `json=${reportFile('normal')}`])
    expect(normal.code).toBe(0)
    const ids = (await readReport('normal')).results.map((r) => r.id)
    expect(ids).toContain('HS-PING-CONCURRENT')
    expect(ids).not.toContain('HS-PING-LOAD')
    expect((await readReport('normal')).load).toBeUndefined()
    const asked = await runCli(['reference', '--only', 'HS-PING-LOAD', '--report', `json=${reportFile('asked')}`])
    expect(asked.code).toBe(0)
    const [result] = (await readReport('asked')).results
    expect(result).toMatchObject({ id: 'HS-PING-LOAD', status: 'skip', message: 'run with --load N' })
  })

  it('refuses --concurrency without --load, in one line', async () => {
    const run = await runCli(['reference', '--concurrency', '5'])
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain('--load')
  })
})
