import { randomBytes } from 'node:crypto'
import { appserviceSecrets, type AppserviceCredentials, type AppserviceRunContext } from '../harness/appservice-run-context.js'
import { createRedactor } from '../harness/redact.js'
import { startJsonControlServer } from '../harness/http/json-control-server.js'
import { mockControlRoutes } from '../harness/mock-homeserver/mock-control-routes.js'
import { OutOfProcessHomeserverSide } from '../harness/mock-homeserver/out-of-process-homeserver-side.js'
import { isNoPing, pingAttempt, type PingRoundResult } from '../harness/mock-homeserver/ping-round.js'
import { clientPingDialectAimedAt, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { checkFileName, requirements } from '../harness/requirements/registry.js'
import { phaseOf, type Requirement } from '../harness/requirements/requirement.js'
import { requireAppservice } from '../harness/scenario/appservice-preflight.js'
import type { CheckResult } from './check-result.js'
import type { HarnessProblem } from './harness-problem.js'
import type { RunOutcome } from './run-homeserver-suite.js'
import type { RunProgress } from './run-progress.js'
import { runVitest } from './run-vitest.js'

export interface AppserviceRunOptions {
  /** Where the appservice under test listens. */
  asUrl: string
  credentials: AppserviceCredentials
  /** --spawn: the command that starts the appservice (the suite starts, restarts and stops it). */
  spawn?: { command: string; cwd?: string; registrationFile?: string }
  /** How long the appservice may take to listen and ping after a start; without spawn, how long to wait for its ping (0: not at all). */
  waitForPingMs: number
  /** The appservice pings its homeserver as it starts: seeing no ping is AS-CLIENT-PINGS' warning, not a skip. */
  expectPing: boolean
  /** Where the mock homeserver listens (default 127.0.0.1, a free port). */
  hsListen?: { host: string; port: number }
  /** How long after a fault the appservice must still be up. */
  survivalGraceMs: number
  /** Check ids to run; all appservice checks when absent. */
  only?: readonly string[]
  /** Check ids not to run (the expectations file skips them); reported in RunOutcome.skipped. */
  skip?: readonly string[]
  /** Told the mock homeserver's URL before the suite waits for a ping (the CLI prints it). */
  onMockHomeserver?: (url: string) => void
  progress?: RunProgress
}

export const defaultSurvivalGraceMs = 1_000

/**
 * A full appservice run: the mock homeserver on a loopback port (and, with --spawn, the appservice
 * started with its address), the first ping awaited, then the check files in two phases — all
 * checks at once, then the ones that restart the appservice.
 */
export async function runAppserviceSuite(options: AppserviceRunOptions): Promise<RunOutcome> {
  const startedAt = new Date()
  const chosen = requirements.filter((r) => r.role === 'appservice' && (!options.only || options.only.includes(r.id)))
  const skipped = chosen.filter((r) => options.skip?.includes(r.id)).map((r) => r.id)
  const selected = chosen.filter((r) => !skipped.includes(r.id))
  const side = new OutOfProcessHomeserverSide({
    credentials: options.credentials,
    asUrl: options.asUrl,
    ...(options.hsListen ? { listen: options.hsListen } : {}),
    ...(options.spawn ? { spawn: options.spawn } : {}),
    waitMs: options.waitForPingMs,
    graceMs: options.survivalGraceMs,
    expectPing: options.expectPing,
  })
  let control: { url: string; close(): Promise<void> } | undefined
  try {
    options.onMockHomeserver?.(await side.listen())
    await side.awaitFirstPing()
    const dialect = dialectOfFirstPing(await side.firstPing())
    await requireAppservice(options.asUrl, options.credentials.hsToken)
    options.progress?.planned(
      selected.map((r) => r.id),
      skipped,
      dialect,
    )
    control = await startJsonControlServer(mockControlRoutes(side))
    const context: AppserviceRunContext = {
      role: 'appservice',
      runId: `asp-${randomBytes(4).toString('hex')}`,
      asUrl: options.asUrl,
      ...options.credentials,
      mockControlUrl: control.url,
      faultRoundMs: options.waitForPingMs + options.survivalGraceMs + 5_000,
    }
    const fileOf = (id: string) => `suites/appservice/${checkFileName(id)}`
    // Only a spawned appservice is ever restarted; otherwise the restarting checks skip at once and need no phase of their own.
    const later = (r: Requirement) => Boolean(options.spawn) && phaseOf(r) === 'after-scenarios'
    const phases = [selected.filter((r) => !later(r)), selected.filter(later)]
    const results: CheckResult[] = []
    const problems: HarnessProblem[] = []
    for (const phase of phases.filter((p) => p.length > 0)) {
      options.progress?.started(phase.map((r) => r.id))
      const reporter = await runVitest({
        files: phase.map((r) => fileOf(r.id)),
        provide: { appserviceConformance: context },
        testTimeoutMs: 30_000,
        ...(options.progress ? { onCheckDone: (observed: CheckResult) => options.progress!.checkDone(observed) } : {}),
      })
      results.push(...reporter.results)
      problems.push(...createRedactor(appserviceSecrets(options.credentials)).redactValue(reporter.problems))
    }
    const order = new Map(requirements.map((r, i) => [r.id, i]))
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    return {
      results,
      problems,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      ...(skipped.length ? { skipped } : {}),
      ...(dialect === 'unstable' ? { dialect } : {}),
    }
  } finally {
    await control?.close()
    await side.close()
  }
}

/** Which endpoint the appservice's first ping used: MSC2659's unstable one is graded as such (AS-CLIENT-PING-PATH), and the run says so. */
function dialectOfFirstPing(first: PingRoundResult): PingDialect | undefined {
  if (isNoPing(first)) return undefined
  const ping = pingAttempt(first)
  return ping && clientPingDialectAimedAt(ping.rawPath)
}
