import { randomBytes } from 'node:crypto'
import type { ConformanceConfig } from '../harness/registration/conformance-config'
import { registrationRoles } from '../harness/registration/conformance-registrations'
import { checkFileName, requirements } from '../harness/requirements/registry'
import type { HomeserverRunContext } from '../harness/run-context'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice'
import { startStubControlServer } from '../harness/stub-appservice/stub-control-server'
import { pingPath } from '../harness/stub-appservice/recorded-request'
import { UsageError } from '../harness/usage-error'
import type { CheckResult } from './check-result'
import type { HarnessProblem } from './collect-results-reporter'
import { postRunChecks } from './post-run-checks'
import { runVitest } from './run-vitest'

export interface HomeserverRunOptions {
  hsUrl: string
  config: ConformanceConfig
  /** Where the stub appservice listens (the main registration's url must reach it). */
  listen: { host: string; port: number }
  userToken?: string
  hsTimeoutMs: number
  specVersion: string
  /** Check ids to run; all when absent. */
  only?: readonly string[]
}

export interface RunOutcome {
  results: CheckResult[]
  problems: HarnessProblem[]
  startedAt: string
  durationMs: number
}

/** Homeserver checks that are computed from the whole run's stub log rather than by a scenario file. */
const postRunCheckIds = new Set(['HS-PING-NO-UNSOLICITED'])

/**
 * A full homeserver run: start the stub appservice where the registration points, run the check
 * files concurrently against the homeserver, then grade what only the whole run can show.
 */
export async function runHomeserverSuite(options: HomeserverRunOptions): Promise<RunOutcome> {
  const startedAt = new Date()
  const selected = requirements.filter((r) => r.role === 'homeserver' && (!options.only || options.only.includes(r.id)))
  const stub = new StubAppservice()
  await stub.start(options.listen.host, options.listen.port).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `the stub appservice cannot listen on ${options.listen.host}:${options.listen.port}: ${error.code ?? error.message}`,
      error.code === 'EADDRINUSE' ? 'stop whatever uses that port, or re-run init with another --as-url and pass --listen' : 'pass --listen HOST:PORT with an address of this machine',
    )
  })
  const control = await startStubControlServer(stub)
  try {
    const context = runContext(options, control.url)
    const files = selected.filter((r) => !postRunCheckIds.has(r.id)).map((r) => `suites/homeserver/${checkFileName(r.id)}`)
    const reporter = files.length
      ? await runVitest({ files, provide: { conformance: context }, testTimeoutMs: 30_000 })
      : { results: [], problems: [] }
    const results = [...reporter.results, ...postRunChecks(selected, stub, context)]
    const order = new Map(requirements.map((r, i) => [r.id, i]))
    results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    const problems = [...reporter.problems]
    if (stub.all().length === 0 && files.length > 0 && results.some((r) => r.status !== 'skip' && needsCallback(r.id))) {
      problems.push({
        where: 'stub appservice',
        message: `the homeserver never called the stub appservice at ${options.config.asUrl}: is the registration ${options.config.files.main} loaded and can the homeserver reach that URL?`,
      })
    }
    return { results, problems, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() }
  } finally {
    await control.close()
    await stub.stop()
  }
}

/** Checks that only pass when the homeserver calls the stub: a run where none did says more about the setup than the target. */
function needsCallback(id: string): boolean {
  return ['HS-PING-OK', 'HS-PING-FORWARDED-ONCE', 'HS-PING-HS-TOKEN-HEADER', 'HS-PING-TXN-PASSTHROUGH', 'HS-PING-NO-TXN-OK'].includes(id)
}

function runContext(options: HomeserverRunOptions, stubControlUrl: string): HomeserverRunContext {
  const { registrations } = options.config
  const appservices = Object.fromEntries(
    registrationRoles.map((role) => {
      const r = registrations[role]
      return [role, { id: r.id, url: r.url, asToken: r.as_token, hsToken: r.hs_token }]
    }),
  ) as HomeserverRunContext['appservices']
  const mainPath = new URL(registrations.main.url ?? options.config.asUrl).pathname.replace(/\/+$/, '')
  return {
    role: 'homeserver',
    runId: `asp-${randomBytes(4).toString('hex')}`,
    hsUrl: options.hsUrl,
    appservices,
    expectedPingPath: `${mainPath}${pingPath}`,
    ...(options.userToken ? { userToken: options.userToken } : {}),
    hsTimeoutMs: options.hsTimeoutMs,
    specVersion: options.specVersion,
    stubControlUrl,
  }
}
