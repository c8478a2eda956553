import { randomBytes } from 'node:crypto'
import { checkTimeoutMs, requestDeadlineMs, runDeadlineMs } from '../harness/deadlines.js'
import { epochNow } from '../harness/http/epoch-now.js'
import type { ConformanceConfig } from '../harness/registration/conformance-config.js'
import { registrationRoles } from '../harness/registration/conformance-registrations.js'
import { checkFileName, requirements } from '../harness/requirements/registry.js'
import { phaseOf, type Requirement } from '../harness/requirements/requirement.js'
import type { TlsOptions } from '../harness/http/tls-fetch.js'
import { createRedactor } from '../harness/redact.js'
import { runSecrets, type HomeserverRunContext } from '../harness/run-context.js'
import type { PingWithResult } from '../harness/scenario/check-context.js'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { startStubControlServer } from '../harness/stub-appservice/stub-control-server.js'
import { pingPathIn, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { UsageError } from '../harness/usage-error.js'
import type { CheckResult } from './check-result.js'
import type { HarnessProblem } from './harness-problem.js'
import type { LoadStats } from './load-stats.js'
import { applyFinding, preflightHomeserver } from './homeserver-preflight.js'
import { postRunChecks } from './post-run-checks.js'
import { runLoadCheck, skippedLoadCheck, type LoadOptions } from './run-load-check.js'
import type { RunProgress } from './run-progress.js'
import { runVitest } from './run-vitest.js'
import { shardSelection, type Shard } from './shard.js'
import { sendHeadStarts } from './send-head-starts.js'
import { systemError } from '../harness/system-error.js'

export interface HomeserverRunOptions {
  hsUrl: string
  config: ConformanceConfig
  /** Where the stub appservice listens (the main registration's url must reach it). */
  listen: { host: string; port: number }
  userToken?: string
  hsTimeoutMs: number
  specVersion: string
  /** What the homeserver's /_matrix/client/versions lists (default: nothing known). */
  advertisedVersions?: readonly string[]
  /** Which paths to grade (default: the spec's; 'unstable' for a homeserver advertising only `fi.mau.msc2659`). */
  dialect?: PingDialect
  /** Check ids to run; all when absent. */
  only?: readonly string[]
  /** --load N --concurrency C: also grade HS-PING-LOAD. */
  load?: LoadOptions
  /** Check ids not to run (the expectations file skips them); reported in RunOutcome.skipped. */
  skip?: readonly string[]
  /** Run only this part of the selected checks (--shard). */
  shard?: Shard
  /** Where the homeserver reaches the stub, for messages (default: the main registration's url). */
  stubPublicUrl?: string
  /** How to trust an https homeserver (--ca-file, --insecure). */
  tls?: TlsOptions
  progress?: RunProgress
}

export interface RunOutcome {
  results: CheckResult[]
  problems: HarnessProblem[]
  startedAt: string
  durationMs: number
  /** What the load mode measured, when it ran. */
  load?: LoadStats
  /** Selected checks the run did not run because of `skip`. */
  skipped?: string[]
  /** The target's fault the preflight saw, told before anything else. */
  headline?: string
  /** Set when the run graded MSC2659's unstable endpoints, not the spec's v1 ones (issue 14; see RunReport.dialect). */
  dialect?: PingDialect
}

/**
 * A full homeserver run: start the stub appservice where the registration points, run the check
 * files concurrently against the homeserver, then grade what only the whole run can show.
 */
export async function runHomeserverSuite(options: HomeserverRunOptions): Promise<RunOutcome> {
  const startedAt = new Date()
  const chosen = requirements.filter((r) => r.role === 'homeserver' && isSelected(r, options))
  // Checks graded from the whole run hold for one shard's stub and answers only: every shard grades them.
  const everyShard = new Set(chosen.filter((r) => phaseOf(r) === 'whole-run').map((r) => r.id))
  const inShard = new Set(
    options.shard
      ? shardSelection(
          chosen.map((r) => r.id),
          options.shard,
          everyShard,
        )
      : chosen.map((r) => r.id),
  )
  const skipped = chosen.filter((r) => inShard.has(r.id) && options.skip?.includes(r.id)).map((r) => r.id)
  const selected = chosen.filter((r) => inShard.has(r.id) && !skipped.includes(r.id))
  const stub = new StubAppservice()
  await stub.start(options.listen.host, options.listen.port).catch((thrown: unknown) => {
    const error = systemError(thrown)
    throw new UsageError(
      `the stub appservice cannot listen on ${options.listen.host}:${options.listen.port}: ${error.brief}`,
      error.code === 'EADDRINUSE'
        ? 'stop whatever uses that port, or re-run init with another --as-url and pass --listen'
        : 'pass --listen HOST:PORT with an address of this machine',
    )
  })
  const headStarts = new Map<string, Promise<PingWithResult>>()
  const control = await startStubControlServer(stub, headStarts)
  try {
    const finding = await preflightHomeserver(stub, {
      ...options,
      requestDeadlineMs: requestDeadlineMs(options.hsTimeoutMs),
      ...(options.stubPublicUrl ? { stubPublicUrl: options.stubPublicUrl } : {}),
    })
    const context = runContext(options, control.url)
    sendHeadStarts(
      selected.map((r) => r.id),
      context,
      headStarts,
    )
    options.progress?.planned(
      selected.map((r) => r.id),
      skipped,
    )
    const scenarios = selected.filter((r) => phaseOf(r) === 'scenario')
    const files = scenarios.map((r) => `suites/homeserver/${checkFileName(r.id)}`)
    options.progress?.started(scenarios.map((r) => r.id))
    const reporter = files.length
      ? await runVitest({
          files,
          provide: { conformance: context },
          testTimeoutMs: checkTimeoutMs(options.hsTimeoutMs),
          ...(options.progress ? { onCheckDone: (observed: CheckResult) => options.progress!.checkDone(observed) } : {}),
        })
      : { results: [], problems: [], responses: [] }
    // After the checks, not alongside them: the load would distort their timing, and they its figures.
    const loadEntry = selected.find((r) => phaseOf(r) === 'load')
    const load = loadEntry && options.load ? await runLoadCheck(loadEntry, stub, context, options.load) : undefined
    const loadResults = load ? [load.result] : loadEntry ? [skippedLoadCheck(loadEntry)] : []
    const { results, headline } = applyFinding(
      [...reporter.results, ...loadResults, ...(await postRunChecks(selected, stub, context, reporter.responses))],
      finding,
    )
    const order = new Map(requirements.map((r, i) => [r.id, i]))
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    // A fault's message may quote a request: redacted like everything else a report carries.
    const problems = createRedactor(runSecrets(context)).redactValue(reporter.problems)
    return {
      results,
      problems,
      ...(headline ? { headline } : {}),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      ...(load ? { load: load.stats } : {}),
      ...(skipped.length ? { skipped } : {}),
    }
  } finally {
    await control.close()
    await stub.stop()
  }
}

/** --only picks the checks; without it every check runs, but the load check only with --load. */
function isSelected(requirement: Requirement, options: Pick<HomeserverRunOptions, 'only' | 'load'>): boolean {
  if (options.only) return options.only.includes(requirement.id)
  return phaseOf(requirement) !== 'load' || options.load !== undefined
}

function runContext(options: HomeserverRunOptions, stubControlUrl: string): HomeserverRunContext {
  const { registrations } = options.config
  const appservices = Object.fromEntries(
    registrationRoles.map((role) => {
      const r = registrations[role]
      return [role, { id: r.id, url: r.url, asToken: r.as_token, hsToken: r.hs_token }]
    }),
  ) as HomeserverRunContext['appservices']
  const dialect = options.dialect ?? 'stable'
  const mainPath = new URL(registrations.main.url ?? options.config.asUrl).pathname.replace(/\/+$/, '')
  return {
    role: 'homeserver',
    runId: `asp-${randomBytes(4).toString('hex')}`,
    hsUrl: options.hsUrl,
    appservices,
    dialect,
    // The MSC's unstable prefix is a "can": an unstable homeserver may call either path back.
    expectedPingPaths: (dialect === 'unstable' ? (['unstable', 'stable'] as const) : (['stable'] as const)).map((d) => `${mainPath}${pingPathIn(d, 'ping')}`),
    ...(options.userToken ? { userToken: options.userToken } : {}),
    hsTimeoutMs: options.hsTimeoutMs,
    deadlineAt: epochNow() + runDeadlineMs(options.hsTimeoutMs),
    specVersion: options.specVersion,
    advertisedVersions: [...(options.advertisedVersions ?? [])],
    stubControlUrl,
    ...(options.tls ? { tls: options.tls } : {}),
  }
}
