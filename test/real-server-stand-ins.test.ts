import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { brokenAppservices } from '../fixtures/broken-appservices/index.js'
import { brokenHomeservers } from '../fixtures/broken-homeservers/index.js'
import { createReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import type { RunReport } from '../reports/run-report.js'
import { readReport } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'
import { referenceVariantRunner } from './support/reference-variant-runs.js'
import { runCli } from './support/run-cli.js'

/**
 * What the suite says today about each real server whose behaviour research (f) recorded: the
 * suite is run against the server's stand-in (written from those recordings) in the same mode as
 * the recorded run, and compared check by check with the report it wrote then against the real
 * server (test/fixtures/observed/). Every check must give the same verdict (status and level),
 * unless it is listed below with the reason it changed; a change not listed, or listed and gone,
 * fails the test.
 */

/** A check's verdict: its status and level; 'absent' where the run has no such check. */
type Verdict = `${'pass' | 'fail' | 'warn' | 'skip'} ${'MUST' | 'SHOULD' | 'INFO'}` | 'absent'

type Reason = 'grade corrected in the policy' | 'one root cause, one failure' | 'check added since'

interface ChangedOnPurpose {
  was: Verdict
  now: Verdict
  because: Reason
  why: string
}

interface RealServer {
  name: string
  /** The suite's report against the real server. */
  observed: string
  standIn: { name: string; mustFail: readonly string[]; mustWarn?: readonly string[]; consequences?: readonly string[] }
  /** Today's run against the stand-in, made as the observed run was made. */
  run(): Promise<RunReport>
  changed: Record<string, ChangedOnPurpose>
}

const observedDir = fileURLToPath(new URL('./fixtures/observed/', import.meta.url))
const testTimeoutMs = 300_000

const runReference = referenceVariantRunner({ maxChildren: 1, tempPrefix: 'asp-stand-in' })

/** Like the observed run: `homeserver` with an ordinary user's token (the reference setup gives one). */
async function homeserverRun(variant: string): Promise<RunReport> {
  const { run, reportText } = await runReference(['--variant', variant], variant)
  expect(reportText, `no JSON report; the run printed:\n${run.stdout}\n${run.stderr}`).not.toBe('')
  return JSON.parse(reportText) as RunReport
}

/** Like the observed run: `appservice --as-url` with only the hs_token, so its own ping is not graded. */
async function appserviceByUrlRun(variant: string): Promise<RunReport> {
  const credentials = referenceAppserviceCredentials()
  const appservice = createReferenceAppservice({ ...credentials, behaviour: brokenAppservices.find((v) => v.name === variant)!.behaviour() })
  const served = await serveOnLoopback(appservice.handler)
  const dir = await mkdtemp(join(tmpdir(), 'asp-stand-in-as-'))
  try {
    const file = join(dir, 'report.json')
    const run = await runCli(['appservice', '--as-url', served.url, '--report', `json=${file}`], { env: { CONFORMANCE_HS_TOKEN: credentials.hsToken } })
    expect(run.code, `${run.stdout}\n${run.stderr}`).not.toBe(2)
    return await readReport(file)
  } finally {
    appservice.close()
    await served.close()
    await rm(dir, { recursive: true, force: true })
  }
}

const homeserverStandIn = brokenHomeservers.find((v) => v.name === 'synapse-1-84-stand-in')!
const appserviceStandIn = brokenAppservices.find((v) => v.name === 'mautrix-python-0-21-stand-in')!

const realServers: RealServer[] = [
  {
    name: 'Synapse 1.84.0',
    observed: 'synapse-1.84.0-homeserver-report.json',
    standIn: homeserverStandIn,
    run: () => homeserverRun(homeserverStandIn.name),
    changed: {
      'HS-PING-CONCURRENT': {
        was: 'fail MUST',
        now: 'pass MUST',
        because: 'one root cause, one failure',
        why: "it failed only because its mix contains a reset, which Synapse answers 504 as it does alone; it now judges each outcome against what the same outcome gets alone, so the reset is HS-PING-CONNECTION-RESET's failure only",
      },
      'HS-PING-EMPTY-TXN': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'policy row "Empty-string transaction_id" (2026-12); Synapse forwards any transaction_id unchanged (research (b), (f): 123, true, {…}, […])',
      },
      'HS-PING-2XX-NOT-OBJECT': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'policy row "Appservice answers 2xx with an empty body, a non-JSON or non-object body, or 204" (2026-12); Synapse answers a 2xx body that is not JSON with 502 M_CONNECTION_FAILED (research (b)), one of the documented answers',
      },
      'HS-PING-REDIRECT': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'policy row "Appservice answers a redirect" (2026-12); not recorded for Synapse (research (b): "not verified"): the stand-in does as the reference does, no redirect followed, 502 M_BAD_STATUS with the 3xx status',
      },
      'HS-PING-HS-TOKEN-REFUSED': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'policy row "hs_token used as the access token" (2026-12); Synapse answers every token it does not know with 401 M_UNKNOWN_TOKEN (research (f))',
      },
      'HS-PING-UNKNOWN-ID': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'the row "Token of another appservice for this id" for an id nobody registered; research (f) recorded Synapse answering an unknown id with 403 M_FORBIDDEN "Mismatching application service ID in path"',
      },
    },
  },
  {
    name: 'mautrix-python 0.21.1',
    observed: 'mautrix-python-0.21.1-appservice-report.json',
    standIn: appserviceStandIn,
    run: () => appserviceByUrlRun(appserviceStandIn.name),
    changed: {
      'AS-PING-NON-BEARER': {
        was: 'pass SHOULD',
        now: 'fail MUST',
        because: 'grade corrected in the policy',
        why: 'a header of another scheme is now the missing-token row (MUST: a 4xx Matrix error), and the check now also sends a bare `Authorization: <hs_token>` (no scheme): mautrix accepts it with 200, as research (f) recorded, since only a leading "Bearer " is cut off. It still refuses `Basic …` and `Token <hs_token>` with 401',
      },
      'AS-PING-AUTH-ON-REPEATED-TXN': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: 'policy: a wrong or missing token is rejected even with an answered transaction_id; mautrix checks the token on every request and keeps no transaction state',
      },
      'AS-PING-AS-TOKEN-REJECTED': {
        was: 'absent',
        now: 'skip MUST',
        because: 'check added since',
        why: 'sends the appservice its own as_token, which a run by URL with only the hs_token does not have; given it (in process, --spawn), mautrix answers it 401 M_UNKNOWN_TOKEN like any wrong token, which passes it and leaves the errcode to AS-PING-WRONG-TOKEN (one root cause, one failure)',
      },
      'AS-PING-UNICODE-TXN': {
        was: 'absent',
        now: 'pass MUST',
        because: 'check added since',
        why: "the valid-ping row for a transaction_id outside ASCII with JSON escapes; mautrix-python's _http_ping (mautrix/appservice/as_handler.py) parses the body as JSON and answers {} whatever the transaction_id says; the stand-in does the same",
      },
      'AS-CLIENT-PING-BEARER-SPELLING': {
        was: 'absent',
        now: 'skip SHOULD',
        because: 'check added since',
        why: "grades the appservice's own ping, which a run by URL with only the hs_token does not see: skipped like the other AS-CLIENT checks of that run",
      },
    },
  },
]

/** check id → verdict. */
function verdicts(report: RunReport): Map<string, Verdict> {
  return new Map(report.results.map((r) => [r.id, `${r.status} ${r.level}`]))
}

/** Every check whose verdict differs between the two runs, as { was, now }. */
function differences(observed: RunReport, now: RunReport): Record<string, { was: Verdict; now: Verdict }> {
  const [before, after] = [verdicts(observed), verdicts(now)]
  const ids = [...new Set([...before.keys(), ...after.keys()])]
  return Object.fromEntries(
    ids
      .map((id): [string, { was: Verdict; now: Verdict }] => [id, { was: before.get(id) ?? 'absent', now: after.get(id) ?? 'absent' }])
      .filter(([, v]) => v.was !== v.now),
  )
}

describe.concurrent('the suite on each real server recorded in research (f), through its stand-in', () => {
  for (const server of realServers) {
    const listed = Object.keys(server.changed)
    test(
      `${server.name} (${server.standIn.name}): the observed verdicts, except ${listed.length ? listed.join(', ') : 'none'}`,
      { timeout: testTimeoutMs },
      async () => {
        const observed = await readReport(join(observedDir, server.observed))
        const report = await server.run()
        expect(report.problems, 'the stand-in run could not grade').toEqual([])
        // The stand-in's own declaration is what the run says, for the checks this run mode grades
        // (the broken-variant tests hold it to all of them).
        const ids = (status: string) =>
          report.results
            .filter((r) => r.status === status)
            .map((r) => r.id)
            .sort()
        const graded = (listed: readonly string[] = []) => listed.filter((id) => !ids('skip').includes(id)).sort()
        expect({ fail: ids('fail'), warn: ids('warn') }).toEqual({ fail: graded(server.standIn.mustFail), warn: graded(server.standIn.mustWarn) })
        expect(report.exitCode).toBe(ids('fail').length > 0 ? 1 : 0)
        // Check by check: only the listed changes, exactly as listed.
        const listedChanges = Object.fromEntries(Object.entries(server.changed).map(([id, c]) => [id, { was: c.was, now: c.now }]))
        expect(differences(observed, report)).toEqual(listedChanges)
      },
    )
  }
})

test('every listed change gives its reason, and only a check added since was absent before', () => {
  for (const server of realServers) {
    for (const [id, change] of Object.entries(server.changed)) {
      expect(change.why.length, `${server.name} ${id}`).toBeGreaterThan(20)
      expect(`${server.name} ${id}: ${change.was === 'absent'}`).toBe(`${server.name} ${id}: ${change.because === 'check added since'}`)
    }
  }
})

test('the observed reports are the real runs: format 1, exit 1, no token in clear', async () => {
  for (const server of realServers) {
    const text = await readFile(join(observedDir, server.observed), 'utf8')
    const report = JSON.parse(text) as RunReport
    expect([report.format, report.version, report.exitCode]).toEqual(['as-ping-conformance-report', 1, 1])
    expect(/(as|hs|user)_[A-Za-z0-9_-]{32}/.exec(text)?.[0], server.observed).toBeUndefined()
  }
})
