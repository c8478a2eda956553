import { resolve } from 'node:path'
import type { AppserviceCredentials } from '../../harness/appservice-run-context.js'
import { loadRegistration } from '../../harness/registration/appservice-registration.js'
import { shellQuote } from '../../harness/shell-quote.js'
import { hasRequirement, requirement } from '../../harness/requirements/registry.js'
import { pingAddedIn } from '../../harness/spec-version.js'
import { UsageError } from '../../harness/usage-error.js'
import { appserviceSecrets } from '../../harness/appservice-run-context.js'
import { requirements } from '../../harness/requirements/registry.js'
import { checksToSkip, finishRun, loadRunInputs, type RunFinishOptions } from '../finish-run.js'
import type { ReportTargets } from '../option-parsers.js'
import type { Output } from '../output.js'
import { runProvenance } from '../run-provenance.js'
import { npxCommand } from '../npx-command.js'
import { appserviceReproVariables } from '../repro-variables.js'
import { defaultSpawnWaitSeconds } from '../default-spawn-wait.js'
import { watchRun } from '../run-watch.js'
import { interruptible } from '../interruption.js'
import { writePartialReport } from '../partial-report.js'
import { renderRunHeader } from '../../reports/check-line.js'
import { toolVersion } from '../../runner/tool-version.js'

export interface AppserviceCommandOptions extends RunFinishOptions {
  asUrl?: string
  registration?: string
  hsToken?: string
  asToken?: string
  asId?: string
  spawn?: string
  /** Seconds. */
  waitForPing?: number
  /** The appservice pings its homeserver as it starts (implied by --wait-for-ping without --spawn). */
  expectPing?: boolean
  hsListen?: { host: string; port: number }
  survivalGraceMs?: number
  strict: boolean
  only?: string[]
  report?: ReportTargets
}

/** How `reference` adapts the command: where its spawned fixture runs, and its repro lines. */
export interface AppserviceCommandContext {
  spawnCwd?: string
  /** How to re-run one check (default: this command with --only); `reference` passes its own, which stands alone (no curl: its appservice lives only during the run). */
  reproCommand?: (id: string) => string
}

/**
 * `as-ping-conformance appservice`: the suite plays the homeserver. It pings the appservice at
 * --as-url, and (when it can make the appservice ping: --spawn, or --wait-for-ping) checks the
 * appservice's own ping against a mock homeserver. Same report and exit codes as `homeserver`.
 */
export async function appserviceCommand(options: AppserviceCommandOptions, output: Output, context: AppserviceCommandContext = {}): Promise<number> {
  for (const id of options.only ?? []) {
    if (!hasRequirement(id) || requirement(id).role !== 'appservice')
      throw new UsageError(`--only: no appservice check '${id}'`, 'run `as-ping-conformance list` for the check ids')
  }
  const { credentials, registrationUrl } = await credentialsFrom(options)
  const asUrl = options.asUrl ?? registrationUrl
  if (!asUrl) throw new UsageError('no appservice URL: --as-url is missing and the registration has no url', 'pass --as-url URL')
  const waitForPingMs = (options.waitForPing ?? (options.spawn ? defaultSpawnWaitSeconds : 0)) * 1000
  if (options.spawn && waitForPingMs <= 0)
    throw new UsageError('--wait-for-ping must be more than 0 with --spawn', 'drop --wait-for-ping, or give the appservice a few seconds to start')
  const inputs = await loadRunInputs(options)
  // Loaded here, not with the CLI: its mock homeserver (msw, ~0.7 s of CPU) would slow every homeserver run's start.
  const { defaultSurvivalGraceMs, runAppserviceSuite } = await import('../../runner/run-appservice-suite.js')
  const facts = {
    role: 'appservice' as const,
    target: { url: asUrl, versions: [] },
    specVersion: pingAddedIn,
    strict: options.strict,
    provenance: runProvenance(options, appserviceSecrets(credentials)),
    reproCommand: context.reproCommand ?? ((id: string) => reproCommand(options, asUrl, id)),
    ...(context.reproCommand ? {} : { reproVariables: appserviceReproVariables(asUrl, options.registration) }),
  }
  // The appservice's checks wait on nothing long: no progress lines, only a line per check.
  const header = renderRunHeader({ tool: { name: 'as-ping-conformance', version: toolVersion }, ...facts })
  const watch = watchRun(output, { hsTimeoutMs: 0, requestDeadlineMs: 0 }, header)
  const startedAt = new Date()
  const run = () =>
    runAppserviceSuite({
      asUrl,
      credentials,
      ...(options.spawn
        ? {
            spawn: {
              command: options.spawn,
              ...(context.spawnCwd ? { cwd: context.spawnCwd } : {}),
              ...(options.registration ? { registrationFile: resolve(options.registration) } : {}),
            },
          }
        : {}),
      waitForPingMs,
      // Without --spawn, waiting for its ping is saying it pings; a spawned one may simply not (the spec's "may").
      expectPing: Boolean(options.expectPing) || (!options.spawn && waitForPingMs > 0),
      ...(options.hsListen ? { hsListen: options.hsListen } : {}),
      survivalGraceMs: options.survivalGraceMs ?? defaultSurvivalGraceMs,
      ...(options.only ? { only: options.only } : {}),
      skip: checksToSkip(
        inputs,
        requirements.map((r) => r.id),
      ),
      onMockHomeserver: (url) => {
        if (!options.spawn && waitForPingMs > 0)
          output.out(`Mock homeserver at ${url}: start the appservice with that homeserver URL now; waiting up to ${waitForPingMs / 1000} s for its ping.\n`)
      },
      progress: watch,
    })
  return interruptible(
    () => writePartialReport(watch, { facts, inputs, options, startedAt }),
    () => run().finally(() => watch.stop()),
    (outcome) => finishRun(outcome, facts, inputs, options, output, watch.streamed()),
  )
}

/** The tokens and id, from the registration file or the flags (not both: one source of truth). */
async function credentialsFrom(options: AppserviceCommandOptions): Promise<{ credentials: AppserviceCredentials; registrationUrl?: string }> {
  if (options.registration) {
    if (options.hsToken || options.asToken || options.asId)
      throw new UsageError(
        '--registration already gives the tokens and id',
        'pass either --registration FILE or --hs-token (with --as-token and --as-id), not both',
      )
    const registration = await loadRegistration(options.registration)
    return {
      credentials: { hsToken: registration.hs_token, asToken: registration.as_token, asId: registration.id },
      ...(registration.url ? { registrationUrl: registration.url } : {}),
    }
  }
  if (!options.hsToken)
    throw new UsageError(
      "the appservice's hs_token is needed to ping it",
      'pass --registration FILE, or --hs-token T (and --as-token T --as-id ID for the checks of its own ping)',
    )
  return {
    credentials: { hsToken: options.hsToken, ...(options.asToken ? { asToken: options.asToken } : {}), ...(options.asId ? { asId: options.asId } : {}) },
  }
}

/** Tokens come from the environment in the repro line, never from the command line shown. */
function reproCommand(options: AppserviceCommandOptions, asUrl: string, id: string): string {
  const parts = [`${npxCommand} appservice`, `--as-url ${shellQuote(asUrl)}`]
  if (options.registration) parts.push(`--registration ${shellQuote(options.registration)}`)
  else {
    parts.push('--hs-token "$HS_TOKEN"')
    if (options.asToken) parts.push('--as-token "$AS_TOKEN"')
    if (options.asId) parts.push(`--as-id ${shellQuote(options.asId)}`)
  }
  if (options.spawn) parts.push(`--spawn '${options.spawn}'`)
  if (options.expectPing) parts.push('--expect-ping')
  parts.push(`--only ${id}`)
  return parts.join(' ')
}
