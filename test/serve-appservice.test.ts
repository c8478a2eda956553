import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/http/free-port.js'
import { loadConformanceConfig, type ConformanceConfig } from '../harness/registration/conformance-config.js'
import { runCli } from './support/run-cli.js'
import { configTokens } from './support/output-hygiene.js'
import { listening, startServe, type ServedProcess } from './support/served-process.js'

let root: string
let config: ConformanceConfig
let asPort: number
const registration = () => join(config.dir, config.files.main)
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asp-serve-as-'))
  asPort = await freePort()
  expect((await runCli(['init', '--as-url', `http://127.0.0.1:${asPort}`, '--out', join(root, 'conformance')])).code).toBe(0)
  config = await loadConformanceConfig(join(root, 'conformance'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

async function printed(served: ServedProcess, pattern: RegExp): Promise<void> {
  for (let waited = 0; !pattern.test(served.output()); waited += 100) {
    if (waited > 30_000) throw new Error(`not printed: ${pattern}; got: ${served.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function stop(served: ServedProcess, port: number): Promise<void> {
  served.child.kill('SIGTERM')
  expect(await served.ended).toEqual({ code: 0, signal: null })
  expect(await listening(port)).toBe(false)
}

describe('serve appservice', () => {
  it("listens where its registration's url points, pings the served homeserver as it starts, and passes the appservice run", async () => {
    const hsPort = await freePort()
    const homeserver = await startServe(['homeserver', '--registrations', config.dir, '--listen', `127.0.0.1:${hsPort}`, '--hs-timeout-ms', '5000'])
    const appservice = await startServe(['appservice', '--registration', registration(), '--hs-url', `http://127.0.0.1:${hsPort}`])
    try {
      expect(appservice.output()).toMatch(
        new RegExp(
          `^Serving the reference appservice 'as-ping-conformance' on http://127\\.0\\.0\\.1:${asPort}, pinging http://127\\.0\\.0\\.1:${hsPort}; `,
          'm',
        ),
      )
      // The homeserver called it back with the hs_token, and it answered: the whole mechanism, between the two served peers.
      await printed(appservice, /^Its ping of the homeserver: HTTP 200\n/m)
      const run = await runCli(['appservice', '--registration', registration()])
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout).toContain('The target conforms (exit 0).')
    } finally {
      await stop(appservice, asPort)
      await stop(homeserver, hsPort)
    }
    for (const token of configTokens(config)) expect(appservice.output() + homeserver.output()).not.toContain(token)
  }, 120_000)

  it('with a broken --variant, the appservice run fails on its bug (exit 1)', async () => {
    const port = await freePort()
    const appservice = await startServe(['appservice', '--registration', registration(), '--listen', `127.0.0.1:${port}`, '--variant', 'accepts-missing-token'])
    try {
      expect(appservice.output()).toMatch(/^Serving the broken appservice variant 'accepts-missing-token' /m)
      const run = await runCli([
        'appservice',
        '--registration',
        registration(),
        '--as-url',
        `http://127.0.0.1:${port}`,
        '--only',
        'AS-PING-MISSING-TOKEN,AS-PING-OK',
      ])
      expect(run.code, run.stdout + run.stderr).toBe(1)
      expect(run.stdout).toMatch(/✗ AS-PING-MISSING-TOKEN /)
    } finally {
      await stop(appservice, port)
    }
  }, 120_000)

  it('a variant that gives up when its ping fails ends by itself, exit 1, nothing left listening', async () => {
    const [port, closed] = [await freePort(), await freePort()]
    const run = await runCli([
      'serve',
      'appservice',
      '--registration',
      registration(),
      '--listen',
      `127.0.0.1:${port}`,
      '--hs-url',
      `http://127.0.0.1:${closed}`,
      '--variant',
      'exits-on-ping-failure',
    ])
    expect(run.stdout).toContain('It gave up: its ping of the homeserver failed.\n')
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(await listening(port)).toBe(false)
  }, 60_000)

  it('refuses, with one line and exit 2, a registration that does not say where to listen, and an unknown variant', async () => {
    const noUrl = join(config.dir, config.files.noUrl)
    const where = await runCli(['serve', 'appservice', '--registration', noUrl])
    expect(where.stderr).toBe(`as-ping-conformance: registration ${noUrl} has url: null, so it does not say where to listen. Fix: pass --listen HOST:PORT.\n`)
    expect(where.code).toBe(2)
    const unknown = await runCli(['serve', 'appservice', '--registration', registration(), '--variant', 'never-ping'])
    expect(unknown.stderr).toBe("as-ping-conformance: no appservice variant 'never-ping' (broken, conformant). Fix: did you mean never-pings.\n")
    expect(unknown.code).toBe(2)
  }, 60_000)
})
