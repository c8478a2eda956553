import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppService } from 'matrix-appservice'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/http/free-port.js'
import { randomToken } from '../harness/registration/random-token.js'
import { appserviceConformance } from '../index.js'
import { readReport, statuses } from './support/read-report.js'
import { runCli } from './support/run-cli.js'

/**
 * A real framework: matrix-appservice (matrix-org/matrix-appservice-node) 2.0.0. Its AppService
 * has no POST /_matrix/app/v1/ping (Express answers its default HTML 404) and no client for the
 * homeserver's ping. The verdict it earns, written up in docs/appservice-frameworks.md:
 * AS-PING-OK fails ("does not implement"), the endpoint's other checks are not applicable,
 * unknown routes get HTML, and (outside NODE_ENV=production) Express's error page for malformed
 * JSON shows a stack trace with server paths.
 */
const verdict = {
  fail: ['AS-PING-OK'],
  warn: ['AS-PING-NO-LEAKS', 'AS-PING-UNKNOWN-ROUTE'],
}

describe('matrix-appservice 2.0.0, in process through the library API', () => {
  const hsToken = randomToken('hs')
  const appservice = new AppService({ homeserverToken: hsToken })
  // The deprecated `expect` shape on purpose: this test keeps it working for the library's existing users.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  appserviceConformance({ name: 'matrix-appservice 2.0.0', app: appservice.expressApp, hsToken, expect: verdict })
})

describe('matrix-appservice 2.0.0, listening, by URL through the CLI', () => {
  const hsToken = randomToken('hs')
  const appservice = new AppService({ homeserverToken: hsToken })
  let dir: string
  let url: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-matrix-appservice-'))
    const port = await freePort()
    await appservice.listen(port, '127.0.0.1', 511)
    url = `http://127.0.0.1:${port}`
  })
  afterAll(async () => {
    await appservice.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('does not conform (exit 1), and the report says plainly that the endpoint is missing', async () => {
    const file = join(dir, 'report.json')
    const run = await runCli(['appservice', '--as-url', url, '--report', `json=${file}`], { env: { CONFORMANCE_HS_TOKEN: hsToken } })
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
    const report = await readReport(file)
    const got = statuses(report)
    expect(
      Object.entries(got)
        .filter(([, s]) => s === 'fail')
        .map(([id]) => id),
    ).toEqual(verdict.fail)
    expect(
      Object.entries(got)
        .filter(([, s]) => s === 'warn')
        .map(([id]) => id),
    ).toEqual(verdict.warn)
    expect(Object.values(got).filter((s) => s === 'pass')).toEqual([])
    expect(report.results.find((r) => r.id === 'AS-PING-OK')?.message).toMatch(
      /^the appservice does not implement POST \/_matrix\/app\/v1\/ping: a valid ping got HTTP 404 <!DOCTYPE html>/,
    )
    for (const r of report.results.filter((r) => r.status === 'skip'))
      expect(r.message, r.id).toMatch(/does not implement POST \/_matrix\/app\/v1\/ping|--spawn|--wait-for-ping|--as-token|--as-id/)
    expect(run.stdout).not.toContain(hsToken)
  })
})
