import type { RequestListener } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { brokenAppservices } from '../fixtures/broken-appservices/index.js'
import { createReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import { hasStackTrace } from './support/output-hygiene.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { runCli } from './support/run-cli.js'

/**
 * A target that is no appservice at all is a set-up fault: exit 2 and one line, decided before
 * any check runs. An appservice without a ping endpoint is not: the checks grade it (exit 1).
 */
const servers: { close(): Promise<void> }[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))

async function serve(handler: RequestListener): Promise<string> {
  const served = await serveOnLoopback(handler)
  servers.push(served)
  return served.url
}

const html =
  (status: number, page: string): RequestListener =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'text/html' }).end(page)

async function runAppservice(asUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const { hsToken } = referenceAppserviceCredentials()
  const code = await main(['appservice', '--as-url', asUrl, '--hs-token', hsToken], { out: (s: string) => (stdout += s), err: (s: string) => (stderr += s) })
  return { code, stdout, stderr }
}

describe('the appservice run, against a target that is no appservice', () => {
  it.each([
    [
      'a web server answering 200 text/html to everything',
      html(200, '<!DOCTYPE html><html><body>Welcome to nginx!</body></html>'),
      /no appservice at .*both got HTTP 200 with Content-Type: text\/html, not JSON/,
    ],
    [
      'a reverse proxy whose appservice is down (502 HTML)',
      html(502, '<html><head><title>502 Bad Gateway</title></head></html>'),
      /no appservice at .*HTTP 502 with Content-Type: text\/html, a gateway's answer/,
    ],
  ])('%s: exit 2, one line, no check run', async (_name, handler, line) => {
    const run = await runAppservice(await serve(handler))
    expect(run.code, run.stdout + run.stderr).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(line)
    expect(hasStackTrace(run.stderr)).toBe(false)
    expect(run.stdout).not.toMatch(/AS-PING-/)
  })

  // These two reach the checks, so they run as a real child process (the checks run in vitest workers).
  it('an appservice without a ping endpoint (an HTML 404, as Express gives) is graded, not refused', async () => {
    const url = await serve(html(404, '<pre>Cannot POST /_matrix/app/v1/ping</pre>'))
    const run = await runCli(['appservice', '--as-url', url, '--only', 'AS-PING-OK'], {
      env: { CONFORMANCE_HS_TOKEN: referenceAppserviceCredentials().hsToken },
    })
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.stdout).toMatch(/AS-PING-OK/)
  })

  it('a broken appservice whose answers are JSON labelled text/plain is graded, not refused', async () => {
    const credentials = referenceAppserviceCredentials()
    const variant = brokenAppservices.find((v) => v.name === 'answers-text-plain')!
    const url = await serve(createReferenceAppservice({ ...credentials, behaviour: variant.behaviour() }).handler)
    const run = await runCli(['appservice', '--as-url', url, '--only', 'AS-PING-OK'], { env: { CONFORMANCE_HS_TOKEN: credentials.hsToken } })
    expect(run.code, run.stdout + run.stderr).toBe(0)
  })
})
