import { randomBytes } from 'node:crypto'
import type { RequestListener, Server } from 'node:http'
import { afterAll, beforeAll, describe, type TestContext } from 'vitest'
import { CheckFailure } from '../harness/assert/check-failure'
import { AppserviceClient } from '../harness/clients/appservice-client'
import { defaultMockHomeserverUrl, InProcessHomeserverSide } from '../harness/mock-homeserver/in-process-homeserver-side'
import { requirement } from '../harness/requirements/registry'
import { AppserviceCheckContext } from '../harness/scenario/appservice-check-context'
import { appserviceNeedMissing, checkTimeoutMs, type AppserviceCheckDefinition } from '../harness/scenario/appservice-check'
import type { AppserviceTarget } from '../harness/scenario/appservice-target'
import { declareCheck, SkipCheck } from '../harness/scenario/declare-check'
import { explain } from '../reports/report-wording'
import type { CheckResult, CheckStatus } from '../runner/check-result'
import { gradeFailure } from '../runner/grade'
import { appserviceChecks } from '../suites/appservice'

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
  /** Treat SHOULD warnings as failures. */
  strict?: boolean
  /** Run only these checks (ids from `as-ping-conformance list`). */
  only?: readonly string[]
  /** Known problems: these checks must fail (or warn), and their test passes when they do; it fails when they pass. */
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
  for (const id of [...(options.only ?? []), ...(options.expect?.fail ?? []), ...(options.expect?.warn ?? [])]) {
    if (!known.has(id)) throw new Error(`appserviceConformance: no appservice check '${id}' (see \`as-ping-conformance list\`)`)
  }
  const waitMs = options.waitMs ?? 5_000
  const graceMs = options.survivalGraceMs ?? 200
  const credentials = { hsToken: options.hsToken, ...(options.asToken ? { asToken: options.asToken } : {}), ...(options.asId ? { asId: options.asId } : {}) }
  const client = new AppserviceClient(endpoint)
  const homeserver = new InProcessHomeserverSide({
    credentials,
    client,
    homeserverUrl: options.homeserverUrl ?? defaultMockHomeserverUrl,
    waitMs,
    graceMs,
    ...(options.ping ? { ping: options.ping } : {}),
  })
  const target: AppserviceTarget = { runId: `asp-${randomBytes(4).toString('hex')}`, credentials, client, homeserver, faultRoundMs: 2 * waitMs + graceMs }
  const selected = appserviceChecks.filter((c) => !options.only || options.only.includes(c.id))

  describe.sequential(options.name ?? 'appservice ping conformance', () => {
    beforeAll(() => homeserver.listen())
    afterAll(async () => {
      homeserver.close()
      await client.close()
    })
    for (const definition of selected) {
      declareCheck(definition.id, () => new AppserviceCheckContext(target, definition.id), gradedBody(definition, options), checkTimeoutMs(definition, target), appserviceNeedMissing(target))
    }
  })
}

type Outcome = Exclude<CheckStatus, 'skip'>

/** Runs a check and grades it in the test itself, as the CLI's reporter would, against the caller's expectations. */
function gradedBody(definition: AppserviceCheckDefinition, options: AppserviceConformanceOptions) {
  const entry = requirement(definition.id)
  const expected: Outcome = options.expect?.fail?.includes(definition.id) ? 'fail' : options.expect?.warn?.includes(definition.id) ? 'warn' : 'pass'
  return async (t: AppserviceCheckContext, test: TestContext): Promise<void> => {
    let failure: CheckFailure | undefined
    try {
      await definition.body(t)
    } catch (error) {
      if (error instanceof SkipCheck && expected !== 'pass') throw new Error(`${definition.id} was expected to ${expected}, but it was skipped: ${error.message}`)
      if (!(error instanceof CheckFailure)) throw error
      failure = error
    }
    const outcome: Outcome = failure ? (gradeFailure(entry.level) as Outcome) : 'pass'
    const shown = failure ? render(definition.id, outcome, failure, t) : ''
    if (outcome === expected) {
      if (failure) await test.annotate(`${outcome === 'fail' ? 'failed' : 'warned'} as expected:\n${shown}`, 'notice')
      return
    }
    if (expected !== 'pass') throw new Error(`${definition.id} was expected to ${expected}, but it ${outcome === 'pass' ? 'passed' : `${outcome}ed`}${shown ? `:\n${shown}` : ''}`)
    if (outcome === 'warn' && !options.strict) {
      await test.annotate(shown, 'warning')
      return
    }
    throw new AppserviceConformanceFailure(shown)
  }
}

/** A check that fails the caller's test; its message is the house-style explanation, already redacted. */
export class AppserviceConformanceFailure extends Error {
  override readonly name = 'AppserviceConformanceFailure'
}

function render(id: string, status: Outcome, failure: CheckFailure, t: AppserviceCheckContext): string {
  const entry = requirement(id)
  const result: CheckResult = {
    id,
    title: entry.title,
    level: entry.level,
    status,
    spec: entry.spec,
    requirement: entry.quote,
    durationMs: 0,
    since: entry.since,
    failure: t.redactor.redactValue({ mismatches: failure.mismatches, expected: failure.expected, actual: failure.actual }),
    transcript: t.transcript(),
  }
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

