import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceHomeserver, type RunningHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { freePort } from '../harness/http/free-port.js'
import { loadConformanceConfig } from '../harness/registration/conformance-config.js'
import { requirements } from '../harness/requirements/registry.js'
import { phaseOf } from '../harness/requirements/requirement.js'
import { runCli, type CliRun } from './support/run-cli.js'
import { readReport } from './support/read-report.js'

/** The first line a run streams for a finished check. */
const firstCheckLine = /^[✓✗!-] [A-Z]+-[A-Z0-9-]+ {2}\[(MUST|SHOULD|INFO)\]/m

/** Whether something still listens on 127.0.0.1:port, a second after the CLI ended (a SIGKILLed child takes a moment to go). */
async function listening(port: number): Promise<boolean> {
  for (let tries = 0; tries < 10; tries++) {
    if (!(await listensNow(port))) return false
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return true
}

function listensNow(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(true))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)))
  })
}

/** Runs the CLI and sends it SIGINT, as Ctrl-C does, once it has shown its first finished check. */
function interruptAfterFirstCheck(args: string[]): Promise<CliRun & { signalledAtMs: number }> {
  const started = Date.now()
  let signalledAtMs = -1
  return runCli(args, {
    timeoutMs: 60_000,
    onStdout: (stdout, child) => {
      if (signalledAtMs >= 0 || !firstCheckLine.test(stdout)) return
      signalledAtMs = Date.now() - started
      child.kill('SIGINT')
    },
  }).then((run) => ({ ...run, signalledAtMs }))
}

describe('Ctrl-C during a homeserver run', () => {
  let dir: string
  let homeserver: RunningHomeserver
  let stubPort: number
  // The homeserver's own appservice timeout: HS-PING-TIMEOUT waits this long, so the run is still going when Ctrl-C comes.
  const hsTimeoutMs = 20_000

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-interrupt-'))
    stubPort = await freePort()
    expect((await runCli(['init', '--as-url', `http://127.0.0.1:${stubPort}`, '--out', dir])).code).toBe(0)
    const config = await loadConformanceConfig(dir)
    homeserver = await startReferenceHomeserver({ appservices: Object.values(config.registrations), appserviceTimeoutMs: hsTimeoutMs })
  })
  afterAll(async () => {
    await homeserver?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('says so in one line, writes a partial report that gives no verdict, exits 130 at once, and leaves nothing listening', async () => {
    const json = join(dir, 'partial.json')
    const junit = join(dir, 'partial.xml')
    const run = await interruptAfterFirstCheck([
      'homeserver',
      '--hs-url',
      homeserver.url,
      '--config',
      dir,
      '--hs-timeout-ms',
      String(hsTimeoutMs),
      '--report',
      `json=${json},junit=${junit}`,
    ])
    expect(run.signalledAtMs, run.stdout).toBeGreaterThan(0)
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(130)
    // It did not wait for the homeserver's timeout.
    expect(run.elapsedMs).toBeLessThan(hsTimeoutMs)
    expect(run.stderr).toMatch(
      /^as-ping-conformance: interrupted \(SIGINT\) after \d+ of \d+ checks had finished: no verdict; partial report .*partial\.json.*\. Exit 130\.\n$/,
    )
    expect(run.stdout).not.toContain('The target conforms')

    const report = await readReport(json)
    expect(report).toMatchObject({ verdict: 'no-verdict', exitCode: 2, problems: [{ where: 'interrupted' }] })
    const notRun = report.results.filter((r) => r.message === 'not run: the run was interrupted (SIGINT)')
    const finished = report.results.filter((r) => !notRun.includes(r))
    expect(finished.length).toBeGreaterThan(0)
    expect(notRun.map((r) => r.id)).toContain('HS-PING-TIMEOUT')
    for (const r of notRun) expect(r.status).toBe('skip')
    // Every check the run was to grade is in it, once.
    expect(report.results.map((r) => r.id).sort()).toEqual(
      requirements
        .filter((r) => r.role === 'homeserver' && phaseOf(r) !== 'load')
        .map((r) => r.id)
        .sort(),
    )
    expect(await readFile(junit, 'utf8')).toContain('<testsuite')

    expect(await listening(stubPort)).toBe(false)
  })
})

describe('Ctrl-C during an appservice run that started the appservice (--spawn, as `reference` does)', () => {
  it('stops the appservice it spawned, writes the partial report, and exits 130', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-interrupt-as-'))
    const json = join(dir, 'partial.json')
    const run = await interruptAfterFirstCheck(['reference', '--role', 'appservice', '--report', `json=${json}`])
    const report = await readReport(json).finally(() => rm(dir, { recursive: true, force: true }))
    expect(report).toMatchObject({ verdict: 'no-verdict', problems: [{ where: 'interrupted' }] })
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(130)
    expect(run.stderr).toMatch(/^as-ping-conformance: interrupted \(SIGINT\) after \d+ of \d+ checks had finished: no verdict; partial report/)
    // The header names the spawned appservice's address; the mock homeserver's is in the partial report's repro config.
    const asPort = Number(/^as-ping-conformance \S+: appservice http:\/\/127\.0\.0\.1:(\d+)/m.exec(run.stdout)?.[1])
    expect(asPort).toBeGreaterThan(0)
    expect(await listening(asPort)).toBe(false)
  })

  it("keeps the endpoints graded: an appservice that pinged MSC2659's unstable path gets an unstable partial report", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-interrupt-as-'))
    const json = join(dir, 'partial.json')
    const run = await interruptAfterFirstCheck([
      'reference',
      '--role',
      'appservice',
      '--appservice-variant',
      'msc2659-era-unstable-ping',
      '--report',
      `json=${json}`,
    ])
    const report = await readReport(json).finally(() => rm(dir, { recursive: true, force: true }))
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(130)
    expect(report).toMatchObject({
      verdict: 'no-verdict',
      dialect: 'unstable',
      endpoints: { pingAppservice: expect.stringContaining('/unstable/fi.mau.msc2659/') },
    })
  })
})
