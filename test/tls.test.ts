import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSetup, type ReferenceSetup } from '../fixtures/reference-homeserver/reference-setup.js'
import { runCli } from './support/run-cli.js'

/**
 * A staging homeserver with a private certificate: the reference homeserver behind an https
 * proxy whose self-signed certificate (made here with openssl) no usual CA trusts.
 */
describe('TLS: --ca-file and --insecure', () => {
  let dir: string
  let setup: ReferenceSetup
  let proxy: Server
  let hsUrl: string
  const common = () => ['--config', setup.config.dir, '--listen', `127.0.0.1:${setup.listen.port}`, '--hs-timeout-ms', '1000']

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-tls-'))
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      )
    } catch (error) {
      throw new Error(`openssl could not make a test certificate (${(error as Error).message}): install openssl, as .ci/run does`)
    }
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
    const upstream = new URL(setup.homeserver.url)
    proxy = createServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) }, (req, res) => {
      const up = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      up.on('error', () => res.destroy())
      req.pipe(up)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    hsUrl = `https://127.0.0.1:${(proxy.address() as { port: number }).port}`
  })

  afterAll(async () => {
    proxy?.closeAllConnections()
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)))
    await setup?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('refuses an untrusted certificate with exit 2 and says how to fix it', async () => {
    const run = await runCli(['homeserver', '--hs-url', hsUrl, ...common(), '--only', 'HS-PING-OK'])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/self[- ]signed certificate.*Fix: pass --ca-file/)
  })

  it('runs the checks over https when --ca-file trusts the certificate', async () => {
    const run = await runCli(['homeserver', '--hs-url', hsUrl, ...common(), '--ca-file', join(dir, 'cert.pem'), '--only', 'HS-PING-OK,HS-PING-MISSING-TOKEN'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('✓ HS-PING-OK  [MUST]  held')
    expect(run.stdout).toContain('Summary: 2 checks: 2 passed, 0 failed, 0 warned, 0 skipped')
  })

  it('runs with --insecure, and doctor reports how the certificate was checked', async () => {
    expect((await runCli(['homeserver', '--hs-url', hsUrl, ...common(), '--insecure', '--only', 'HS-PING-OK'])).code).toBe(0)
    const doctor = await runCli(['doctor', '--hs-url', hsUrl, ...common(), '--ca-file', join(dir, 'cert.pem')])
    expect(doctor.stdout).toContain('✓ TLS: certificate verified against the usual CAs and --ca-file')
    expect(doctor.code).toBe(0)
  })
})
