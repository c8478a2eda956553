import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import wrongMethod404 from '../fixtures/broken-appservices/wrong-method-404.js'
import appserviceFailuresAs500 from '../fixtures/broken-homeservers/appservice-failures-as-500.js'
import { createReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import { referenceRoutes, startReferenceHomeserver, type RunningHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { renderRegistration } from '../harness/registration/appservice-registration.js'
import { loadConformanceConfig } from '../harness/registration/conformance-config.js'
import { anyToken } from './support/reference-variant-runs.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli, type CliRun } from './support/run-cli.js'

/** The homeserver under a base path, as `.well-known` may give it: a proxy that strips /matrix. */
function underBasePath(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    const forwarded = request(new URL((req.url ?? '/').replace(/^\/matrix/, ''), target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forwarded.on('error', () => res.destroy())
    req.pipe(forwarded)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

/** Runs the line that sets the variables, then `command`, in a shell; not execFileSync: the targets answer from this process. */
async function inShell(line: string, command: string): Promise<string> {
  return (await promisify(execFile)('sh', ['-c', `${line}\n${command}`], { encoding: 'utf8', timeout: 10_000 })).stdout
}

/** A failure's detail block, from its heading to the next blank line. */
const blockOf = (run: CliRun, id: string) => new RegExp(`^[✗!] ${id} .*(FAIL|WARN)(ED)?: .*\\n(.+\\n)*`, 'm').exec(run.stdout)?.[0] ?? ''

describe('repro lines of a homeserver run', () => {
  let dir: string
  let homeserver: RunningHomeserver
  let proxy: Server
  let run: CliRun

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-repro-'))
    const stubPort = 20000 + Math.floor(Math.random() * 20000)
    expect((await runCli(['init', '--as-url', `http://127.0.0.1:${stubPort}`, '--out', dir])).code).toBe(0)
    const config = await loadConformanceConfig(dir)
    homeserver = await startReferenceHomeserver({
      appservices: Object.values(config.registrations),
      appserviceTimeoutMs: 500,
      // GET is answered right, PUT and DELETE wrongly: the failing exchange is not the check's first.
      routes: { wrongMethod: (method) => ({ ...referenceRoutes.wrongMethod(method), ...(method === 'GET' ? {} : { status: 404 }) }) },
      // A failure whose exchange needs the stub appservice's arranged answer.
      ...appserviceFailuresAs500.options,
    })
    proxy = await underBasePath(homeserver.url)
    const hsUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/matrix/`
    run = await runCli(['homeserver', '--hs-url', hsUrl, '--config', dir, '--hs-timeout-ms', '500', '--only', 'HS-PING-WRONG-METHOD,HS-PING-BAD-STATUS'])
  }, 60_000)
  afterAll(async () => {
    proxy?.close()
    await homeserver?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('re-run the check with npx, and give the curl of the exchange that failed, under the base path once', () => {
    const block = blockOf(run, 'HS-PING-WRONG-METHOD')
    expect(block, run.stdout).toContain(
      `Reproduce: npx as-ping-conformance homeserver --hs-url "$HS_URL" --config ${dir} --hs-timeout-ms 500 --only HS-PING-WRONG-METHOD`,
    )
    expect(block).toMatch(/^ {13}curl -sS -X PUT "\$HS_URL\/_matrix\/client\/v1\/appservice\/as-ping-conformance\/ping" -H "Authorization: Bearer \$AS_TOKEN"/m)
    expect(block).not.toMatch(/curl -sS -X GET/)
  })

  it('say that a check whose exchange needs the stub appservice is reproduced by the re-run, not a curl', () => {
    const block = blockOf(run, 'HS-PING-BAD-STATUS')
    expect(block, run.stdout).toContain('(needs the stub appservice: re-run with the npx command)')
    expect(block).not.toContain('curl ')
  })

  it('set the variables with one line for the run, and print no token', () => {
    expect(run.stdout.match(/export HS_URL=/g), run.stdout).toHaveLength(1)
    expect(run.stdout).toMatch(/export HS_URL=http:\/\/127\.0\.0\.1:\d+\/matrix AS_TOKEN="\$\(sed /)
    expect(`${run.stdout}${run.stderr}`.match(anyToken)?.[0]).toBeUndefined()
  })

  it('reproduce the failure when pasted into a shell: the line, then the curl', async () => {
    const line = /export HS_URL=.*/.exec(run.stdout)![0]
    const curl = /curl -sS -X PUT .*/.exec(blockOf(run, 'HS-PING-WRONG-METHOD'))![0]
    expect(await inShell(line, `${curl} -o /dev/null -w '%{http_code}'`)).toBe('404')
  })
})

describe('repro lines of an appservice run', () => {
  let dir: string
  let served: { url: string; close(): Promise<void> }
  let run: CliRun

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-repro-as-'))
    const credentials = referenceAppserviceCredentials()
    served = await serveOnLoopback(createReferenceAppservice({ ...credentials, behaviour: wrongMethod404.behaviour() }).handler)
    const registration = join(dir, 'registration.yaml')
    const namespaces = { users: [], aliases: [], rooms: [] }
    await writeFile(
      registration,
      renderRegistration({
        id: credentials.asId,
        url: served.url,
        as_token: credentials.asToken,
        hs_token: credentials.hsToken,
        sender_localpart: 'bridge',
        namespaces,
        rate_limited: false,
      }),
    )
    run = await runCli(['appservice', '--as-url', served.url, '--registration', registration, '--only', 'AS-PING-WRONG-METHOD'])
  }, 60_000)
  afterAll(async () => {
    await served?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it("re-run the check with npx and give the failing request's curl against $AS_URL with $HS_TOKEN, not the first (valid) ping's", () => {
    const block = blockOf(run, 'AS-PING-WRONG-METHOD')
    expect(block, run.stdout).toContain(
      `Reproduce: npx as-ping-conformance appservice --as-url ${served.url} --registration ${join(dir, 'registration.yaml')} --only AS-PING-WRONG-METHOD`,
    )
    expect(block).toMatch(/^ {13}curl -sS -X GET "\$AS_URL\/_matrix\/app\/v1\/ping" -H "Authorization: Bearer \$HS_TOKEN"$/m)
  })

  it('set $AS_URL and $HS_TOKEN with one line that reads the token from --registration, and reproduce the 404', async () => {
    expect(run.stdout.match(/export AS_URL=/g), run.stdout).toHaveLength(1)
    expect(`${run.stdout}${run.stderr}`.match(anyToken)?.[0]).toBeUndefined()
    const line = /export AS_URL=.*/.exec(run.stdout)![0]
    expect(line).toContain('HS_TOKEN="$(sed ')
    const curl = /curl -sS -X GET .*/.exec(blockOf(run, 'AS-PING-WRONG-METHOD'))![0]
    expect(await inShell(line, `${curl} -o /dev/null -w '%{http_code}'`)).toBe('404')
  })
})
