import { mkdtemp, rm, readFile, readdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startReferenceHomeserver, type RunningHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { freePort } from '../harness/http/free-port.js'
import { loadConformanceConfig } from '../harness/registration/conformance-config.js'
import { runCli } from './support/run-cli.js'

describe('init', () => {
  it('writes three registrations with fresh tokens, url: null for the no-url one, and says what to add', async () => {
    const out = await mkdtemp(join(tmpdir(), 'asp-init-'))
    const run = await runCli(['init', '--as-url', 'http://127.0.0.1:9123', '--out', out])
    expect(run.code).toBe(0)
    const files = (await readdir(out)).sort()
    expect(files).toEqual([
      '.gitignore',
      'as-ping-conformance-no-url.yaml',
      'as-ping-conformance-unreachable.yaml',
      'as-ping-conformance.json',
      'as-ping-conformance.yaml',
    ])
    const noUrl = parse(await readFile(join(out, 'as-ping-conformance-no-url.yaml'), 'utf8'))
    expect(noUrl.url).toBeNull()
    expect(await readFile(join(out, 'as-ping-conformance-no-url.yaml'), 'utf8')).toMatch(/^url: null$/m)
    const main = parse(await readFile(join(out, 'as-ping-conformance.yaml'), 'utf8'))
    expect(main).toMatchObject({ id: 'as-ping-conformance', url: 'http://127.0.0.1:9123', rate_limited: false })
    expect(main.as_token).not.toBe(main.hs_token)
    expect((await stat(join(out, 'as-ping-conformance.yaml'))).mode & 0o777).toBe(0o600)
    expect(run.stdout).toContain('app_service_config_files:')
    expect(run.stdout).not.toContain(main.as_token)
    const config = await loadConformanceConfig(out)
    expect(config.registrations.unreachable.url).toBe('http://127.0.0.1:1')
  })

  it('refuses to overwrite a config whose tokens may be registered, unless --force', async () => {
    const out = await mkdtemp(join(tmpdir(), 'asp-init-'))
    expect((await runCli(['init', '--as-url', 'http://127.0.0.1:9124', '--out', out])).code).toBe(0)
    const again = await runCli(['init', '--as-url', 'http://127.0.0.1:9124', '--out', out])
    expect(again.code).toBe(2)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
    expect(again.stderr).toContain('--force')
    expect((await runCli(['init', '--as-url', 'http://127.0.0.1:9124', '--out', out, '--force'])).code).toBe(0)
  })
})

describe('homeserver run against a homeserver on a URL', () => {
  let dir: string
  let homeserver: RunningHomeserver
  let stubPort: number
  /** A free port other than the registration's: where a wrong --listen puts the stub. */
  let otherPort: number

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-hs-'))
    // Free ports below the ephemeral range (a random 20000–40000 reached into it, where the
    // machine's outgoing connections had taken the stub's port: EADDRINUSE in three tests).
    stubPort = await freePort()
    do otherPort = await freePort()
    while (otherPort === stubPort)
    expect((await runCli(['init', '--as-url', `http://127.0.0.1:${stubPort}`, '--out', dir])).code).toBe(0)
    const config = await loadConformanceConfig(dir)
    homeserver = await startReferenceHomeserver({ appservices: Object.values(config.registrations), appserviceTimeoutMs: 500 })
  })
  afterAll(() => homeserver?.close())

  it('runs the selected checks, reading flags from the environment', async () => {
    const report = join(dir, 'report.json')
    const run = await runCli(['homeserver', '--only', 'HS-PING-OK,HS-PING-MISSING-TOKEN', '--report', `json=${report}`], {
      env: { CONFORMANCE_HS_URL: homeserver.url, CONFORMANCE_CONFIG: dir, CONFORMANCE_HS_TIMEOUT_MS: '500' },
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const json = JSON.parse(await readFile(report, 'utf8'))
    expect(json.results.map((r: { id: string }) => r.id)).toEqual(['HS-PING-OK', 'HS-PING-MISSING-TOKEN'])
    expect(json.summary).toEqual({ pass: 2, fail: 0, warn: 0, skip: 0, total: 2 })
  })

  it('skips the user-token check with its reason when no --user-token is given', async () => {
    const run = await runCli(['homeserver', '--hs-url', homeserver.url, '--config', dir, '--only', 'HS-PING-USER-TOKEN'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/- HS-PING-USER-TOKEN .*--user-token/)
  })

  it('exits 2 before any check, in one line with the fix, when the homeserver cannot reach the stub (wrong --listen)', async () => {
    const run = await runCli(['homeserver', '--hs-url', homeserver.url, '--config', dir, '--listen', `127.0.0.1:${otherPort}`])
    expect(run.code).toBe(2)
    // No check ran: nothing but the one line (and its fix) is printed.
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`the homeserver never reached the stub appservice at http://127.0.0.1:${stubPort}`)
    expect(run.stderr).toContain('a valid ping answered HTTP 502 M_CONNECTION_FAILED')
    expect(run.stderr).toContain(`--listen 127.0.0.1:${otherPort} is not the port of the registration's url`)
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2)
  })

  it('exits 2 before any check when a registration is not loaded (whoami refuses its as_token)', async () => {
    const other = await mkdtemp(join(tmpdir(), 'asp-hs-unloaded-'))
    expect((await runCli(['init', '--as-url', `http://127.0.0.1:${stubPort}`, '--out', other])).code).toBe(0)
    const run = await runCli(['homeserver', '--hs-url', homeserver.url, '--config', other])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /the homeserver does not know the as_token of \S+as-ping-conformance\.yaml, .*\(whoami answered HTTP 401 M_UNKNOWN_TOKEN\): these registrations are not loaded\. Fix: add the file/,
    )
    await rm(other, { recursive: true, force: true })
  })
})
