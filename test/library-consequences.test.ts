import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RunnerTestCase, RunnerTestSuite } from 'vitest'
import { createReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { serveOnLoopback } from '../fixtures/reference-appservice/serve-on-loopback.js'
import { appserviceRequirements } from '../harness/requirements/appservice-requirements.js'
import { appserviceConformance, defaultMockHomeserverUrl } from '../index.js'
import { runCli } from './support/run-cli.js'
import { readReport, statuses } from './support/read-report.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'

/**
 * One root cause, one failure, in the library as in a CLI run: an appservice that accepts any
 * token fails AS-PING-WRONG-TOKEN, and answers its own as_token as it answers any wrong one, so
 * AS-PING-AS-TOKEN-REJECTED (which then `dependOn`s AS-PING-WRONG-TOKEN) is that failure's
 * consequence: skipped, saying whose, and not failed.
 */
const acceptsAnyToken = () => ({ authorize: () => undefined })
const checks = ['AS-PING-WRONG-TOKEN', 'AS-PING-AS-TOKEN-REJECTED']
const suiteName = 'an appservice that accepts any token, in process through the library API'
const started: { close(): void }[] = []
afterAll(() => started.forEach((a) => a.close()))

{
  const credentials = referenceAppserviceCredentials()
  const appservice = createReferenceAppservice({ ...credentials, homeserverUrl: defaultMockHomeserverUrl, behaviour: acceptsAnyToken() })
  started.push(appservice)
  appserviceConformance({
    name: suiteName,
    app: appservice.handler,
    ...credentials,
    only: checks,
    expectations: { 'AS-PING-WRONG-TOKEN': { expect: 'fail', reason: 'accepts any token' } },
  })
}

describe('a consequence in the library', () => {
  it('is skipped as the consequence of the failure it follows from, with what it saw annotated: it does not fail its test', ({ task }) => {
    const suite = task.file.tasks.find((t): t is RunnerTestSuite => t.type === 'suite' && t.name === suiteName)!
    const test = (id: string) => suite.tasks.find((t): t is RunnerTestCase => t.type === 'test' && t.name.startsWith(`${id}:`))!
    const owner = test('AS-PING-WRONG-TOKEN')
    const dependent = test('AS-PING-AS-TOKEN-REJECTED')
    // The owner failed as expected, so its test passed; the dependent is not a second failure.
    expect(owner.result?.state).toBe('pass')
    expect(dependent.result?.state, JSON.stringify(dependent.result?.errors)).toBe('skip')
    expect(dependent.meta.skipReason).toMatch(/^not graded on its own: its own as_token is answered as a random wrong token is .*; see AS-PING-WRONG-TOKEN$/)
    expect(dependent.annotations.map((a) => a.message).join('\n')).toMatch(/AS-PING-AS-TOKEN-REJECTED .*SKIP/)
  })
})

describe('the same appservice, by URL through the CLI', () => {
  it('counts the same: one failure, and AS-PING-AS-TOKEN-REJECTED its consequence', async () => {
    const credentials = referenceAppserviceCredentials()
    const appservice = createReferenceAppservice({ ...credentials, behaviour: acceptsAnyToken() })
    const served = await serveOnLoopback(appservice.handler)
    const dir = await mkdtemp(join(tmpdir(), 'asp-consequence-'))
    try {
      const file = join(dir, 'report.json')
      const run = await runCli(['appservice', '--as-url', served.url, '--only', checks.join(','), '--report', `json=${file}`], {
        env: { CONFORMANCE_HS_TOKEN: credentials.hsToken, CONFORMANCE_AS_TOKEN: credentials.asToken, CONFORMANCE_AS_ID: credentials.asId },
      })
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
      const report = await readReport(file)
      expect(statuses(report)).toEqual({ 'AS-PING-WRONG-TOKEN': 'fail', 'AS-PING-AS-TOKEN-REJECTED': 'skip' })
      expect(report.results.find((r) => r.id === 'AS-PING-AS-TOKEN-REJECTED')?.consequenceOf).toBe('AS-PING-WRONG-TOKEN')
    } finally {
      await served.close()
      appservice.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe("the library's grading in order", () => {
  it('holds: every appservice check that may depend on another comes after it in the registry (the order the library runs them in)', async () => {
    const order: readonly string[] = appserviceRequirements.map((r) => r.id)
    const dir = join(import.meta.dirname, '../suites/appservice')
    const misordered: string[] = []
    let dependencies = 0
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.test.ts'))) {
      const source = await readFile(join(dir, name), 'utf8')
      const id = /appserviceCheck\(\s*'([A-Z0-9-]+)'/.exec(source)?.[1]
      if (!id) continue
      for (const [, owner] of source.matchAll(/dependOn\(\s*'([A-Z0-9-]+)'/g)) {
        dependencies++
        if (!order.includes(owner!) || order.indexOf(owner!) > order.indexOf(id)) misordered.push(`${id} depends on ${owner!}`)
      }
    }
    expect(dependencies).toBeGreaterThan(0)
    expect(misordered).toEqual([])
  })
})
