import { randomBytes } from 'node:crypto'
import type { RequestListener, Server } from 'node:http'
import { afterAll, beforeAll, describe, type TestContext } from 'vitest'
import { CheckFailure } from '../harness/assert/check-failure.js'
import { AppserviceClient } from '../harness/clients/appservice-client.js'
import { defaultMockHomeserverUrl, InProcessHomeserverSide } from '../harness/mock-homeserver/in-process-homeserver-side.js'
import type { MswServer } from '../harness/mock-homeserver/msw-server.js'
import { requirement } from '../harness/requirements/registry.js'
import { AppserviceCheckContext } from '../harness/scenario/appservice-check-context.js'
import { appserviceNeedMissing, checkTimeoutMs, type AppserviceCheckDefinition } from '../harness/scenario/appservice-check.js'
import type { AppserviceTarget } from '../harness/scenario/appservice-target.js'
import { declareCheck, SkipCheck } from '../harness/scenario/declare-check.js'
import { pingAddedIn } from '../harness/spec-version.js'
import { explain } from '../reports/report-wording.js'
import type { LoadedExpectations } from '../reports/run-report.js'
import { gradeResults } from '../runner/build-run-report.js'
import { resultBase, type CheckResult } from '../runner/check-result.js'
import { skippedByExpectations, type Expectations } from '../runner/expectations.js'
import { gradeFailure } from '../runner/grade.js'
import { appserviceChecks } from '../suites/appservice/index.js'

export interface AppserviceConformanceOptions {
  /** The appservice in process: a Node request handler (an Express app is one) or an http.Server. */
  app?: RequestListener | Server
  /** Or the base URL of an appservice that is already listening. */
  url?: string
  /** The hs_token of its registration: the token the homeserver calls it with. */
  hsToken: string
  /** Its as_token and registration id: the mock homeserver needs both to recognise its own ping. */
  asToken?: string
  asId?: string
  /**
   * The homeserver URL the appservice was configured with. Its requests there are intercepted
   * (msw `setupServer`) and answered by the mock homeserver. Default: `defaultMockHomeserverUrl`.
   */
  homeserverUrl?: string
  /**
   * Makes the appservice call its homeserver's `POST /_matrix/client/v1/appservice/{id}/ping` once
   * (what it does at start-up). Without it, the checks of its own ping are skipped.
   */
  ping?: () => Promise<unknown>
  /**
   * Your test file's own msw server (`setupServer(…)`), when it has one: the mock homeserver's
   * handlers are added to it (`server.use`), since two msw servers cannot intercept one process.
   * The suite's own calls to your appservice carry msw's bypass marker, so its `onUnhandledRequest` never sees them.
   */
  msw?: MswServer
  /** Treat SHOULD warnings as failures. */
  strict?: boolean
  /** Run only these checks (ids from `as-ping-conformance list`). */
  only?: readonly string[]
  /**
   * Known problems, in the CLI's expectations model (the entries of an --expectations file, e.g.
   * read with `parseExpectations`): check id → `{ expect: 'fail' | 'flaky' | 'skip', reason, until? }`.
   * An expected failure's test passes while the check fails (or warns) and fails once it passes;
   * an entry past its `until` fails its test; `skip` does not run the check.
   */
  expectations?: Expectations
  /**
   * @deprecated Use `expectations`: `{ 'AS-PING-OK': { expect: 'fail', reason: '…' } }`. Each id
   * listed here is read as an expected failure (`expect: 'fail'`), whether it fails or warns.
   */
  expect?: { fail?: readonly string[]; warn?: readonly string[] }
  /** How long to wait for the appservice's ping after `ping()` (default 5000 ms). */
  waitMs?: number
  /** How long after a fault the appservice must still be up (default 200 ms). */
  survivalGraceMs?: number
  /** Title of the describe block (default "appservice ping conformance"). */
  name?: string
}

export { defaultMockHomeserverUrl }

/**
 * Declares the appservice ping checks, one vitest test each, against an appservice in the
 * calling test file's own process. MUST failures fail their test; SHOULD warnings are annotated
 * (failures with `strict`); skips say why. Messages are redacted: no token appears in them.
 *
 * @example
 * appserviceConformance({ app, hsToken, asToken, asId: 'my-bridge', ping: () => bridge.pingHomeserver() })
 * @see docs/appservice-run.md
 */
export function appserviceConformance(options: AppserviceConformanceOptions): void {
  const endpoint = options.app ?? options.url
  if (!endpoint) throw new Error('appserviceConformance: give `app` (an in-process handler or server) or `url`')
  if (!options.hsToken) throw new Error('appserviceConformance: `hsToken` is required')
  const known = new Set(appserviceChecks.map((c) => c.id))
  const expectations = expectationsOf(options)
  for (const id of [...(options.only ?? []), ...Object.keys(expectations.entries)]) {
    if (!known.has(id)) throw new Error(`appserviceConformance: no appservice check '${id}' (see \`as-ping-conformance list\`)`)
  }
  const waitMs = options.waitMs ?? 5_000
  const graceMs = options.survivalGraceMs ?? 200
  const credentials = { hsToken: options.hsToken, ...(options.asToken ? { asToken: options.asToken } : {}), ...(options.asId ? { asId: options.asId } : {}) }
  const client = new AppserviceClient(endpoint, undefined, Boolean(options.msw))
  const homeserver = new InProcessHomeserverSide({
    credentials,
    client,
    homeserverUrl: options.homeserverUrl ?? defaultMockHomeserverUrl,
    waitMs,
    graceMs,
    ...(options.ping ? { ping: options.ping } : {}),
    ...(options.msw ? { msw: options.msw } : {}),
  })
  const target: AppserviceTarget = { runId: `asp-${randomBytes(4).toString('hex')}`, credentials, client, homeserver, faultRoundMs: 2 * waitMs + graceMs }
  const selected = appserviceChecks.filter((c) => !options.only || options.only.includes(c.id))

  describe(options.name ?? 'appservice ping conformance', { concurrent: false }, () => {
    beforeAll(() => homeserver.listen())
    afterAll(async () => {
      homeserver.close()
      await client.close()
    })
    // The results of this block so far, by id: each check is graded with those before it (see gradedBody).
    const earlier = new Map<string, CheckResult>()
    for (const definition of selected) {
      declareCheck(
        definition.id,
        () => new AppserviceCheckContext(target, definition.id),
        gradedBody(definition, { strict: options.strict ?? false, expectations }, earlier),
        checkTimeoutMs(definition, target),
        appserviceNeedMissing(target),
      )
    }
  })
}

/** The known problems of both option shapes, as the CLI loads an expectations file (`expectations` wins). */
function expectationsOf(options: AppserviceConformanceOptions): LoadedExpectations {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- read here so that existing users' option keeps working
  const { expect: deprecatedShape } = options
  const listed = [...(deprecatedShape?.fail ?? []), ...(deprecatedShape?.warn ?? [])]
  const deprecated: Expectations = Object.fromEntries(listed.map((id) => [id, { expect: 'fail', reason: 'listed in the `expect` option' }]))
  return { file: 'the options of appserviceConformance', entries: { ...deprecated, ...options.expectations }, skipped: [] }
}

/**
 * Runs a check and grades it in the test itself, by the same pipeline as a CLI run
 * (runner/build-run-report.ts), together with the results of the block's checks before it: the
 * tests run one at a time in the registry's order, so a check's owner (the check whose fault it
 * declared it follows from, `t.dependOn`) has been graded by then, and one root cause is one
 * failure here too: a consequence is skipped, saying whose, as a CLI run counts it. The test fails
 * exactly when the result would fail a run; what does not fail it is annotated.
 */
function gradedBody(definition: AppserviceCheckDefinition, grading: { strict: boolean; expectations: LoadedExpectations }, earlier: Map<string, CheckResult>) {
  const { id } = definition
  return async (t: AppserviceCheckContext, test: TestContext): Promise<void> => {
    const startedAt = new Date().toISOString()
    const entry = grading.expectations.entries[id]
    if (skippedByExpectations(grading.expectations.entries, [id], startedAt.slice(0, 10)).length)
      throw new SkipCheck(`skipped by the expectations: ${entry!.reason}`)
    let failure: CheckFailure | undefined
    try {
      await definition.body(t)
    } catch (error) {
      // In your own test a known failure the check could not run is a guard lost, not a neutral
      // skip (a CLI run, whose --only and shards leave checks out on purpose, counts it not run).
      if (error instanceof SkipCheck && entry?.expect === 'fail')
        throw new Error(`${id} was expected to ${expectedOutcome(id)}, but it was skipped: ${error.message}`)
      if (!(error instanceof CheckFailure)) throw error
      failure = error
    }
    // Set again by a re-run of the test (retry, watch mode), in its place.
    earlier.set(id, resultOf(id, failure, t))
    const result = gradeResults([...earlier.values()], { specVersion: pingAddedIn, ...grading }, startedAt).find((r) => r.id === id)!
    const shown = failure ? render(result) : ''
    if (result.failsRun) {
      if (result.expected?.verdict === 'unexpected-pass') throw new Error(`${id} was expected to ${expectedOutcome(id)}, but it passed`)
      if (result.expected?.verdict === 'expired')
        throw new Error(
          `${id}: its expectation expired on ${result.expected.until} (${result.expected.reason}); renew or remove it${shown ? `:\n${shown}` : ''}`,
        )
      throw new AppserviceConformanceFailure(shown)
    }
    if (result.consequenceOf !== undefined) {
      // What it saw stays shown, as a report keeps it in `failure`; its verdict is its owner's.
      if (failure) await test.annotate(shown, 'notice')
      throw new SkipCheck(result.message ?? `a consequence of ${result.consequenceOf}`)
    }
    // What the appservice chose (an INFO behaviour, or MSC2659's unstable ping path) is told as a CLI run's report tells it.
    if (!failure) {
      if (t.noteText) await test.annotate(t.noteText, 'notice')
      return
    }
    if (result.expected?.verdict === 'as-expected') await test.annotate(`${result.status === 'fail' ? 'failed' : 'warned'} as expected:\n${shown}`, 'notice')
    else await test.annotate(shown, result.status === 'warn' ? 'warning' : 'notice')
  }
}

/** What a failure of the check is graded as: fail (MUST) or warn (SHOULD). */
function expectedOutcome(id: string): string {
  return gradeFailure(requirement(id).level)
}

/** A check that fails the caller's test; its message is the house-style explanation, already redacted. */
export class AppserviceConformanceFailure extends Error {
  override readonly name = 'AppserviceConformanceFailure'
}

/** The check's result as the CLI's reporter would record it, redacted, with the check it declared it depends on. */
function resultOf(id: string, failure: CheckFailure | undefined, t: AppserviceCheckContext): CheckResult {
  const entry = requirement(id)
  return {
    ...resultBase(entry, 0),
    status: failure ? gradeFailure(entry.level) : 'pass',
    ...(failure ? { failure: t.redactor.redactValue({ mismatches: failure.mismatches, expected: failure.expected, actual: failure.actual }) } : {}),
    transcript: t.transcript(),
    ...(t.dependency ? { dependsOn: t.dependency } : {}),
  }
}

function render(result: CheckResult): string {
  const e = explain(result)
  return [
    e.heading,
    `Spec: ${e.spec}`,
    `Requirement: "${e.requirement}"`,
    ...e.mismatches.map((m) => `- ${m}`),
    ...(e.expected ? [`  Expected: ${e.expected}`] : []),
    ...(e.actual ? [`    Actual: ${e.actual}`] : []),
    ...(e.exchange.length ? ['Exchange (tokens redacted):', ...e.exchange.flatMap((hop) => hop.map((line) => `  ${line}`))] : []),
  ].join('\n')
}
