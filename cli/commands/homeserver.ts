import { loadConformanceConfig, type ConformanceConfig } from '../../harness/registration/conformance-config.js'
import { UsageError } from '../../harness/usage-error.js'
import { requestDeadlineMs } from '../../harness/deadlines.js'
import { hasRequirement, requirement, requirements } from '../../harness/requirements/registry.js'
import { runHomeserverSuite } from '../../runner/run-homeserver-suite.js'
import { defaultLoadConcurrency } from '../../runner/default-load-concurrency.js'
import type { Shard } from '../../runner/shard.js'
import { checksToSkip, finishRun, loadRunInputs, type RunFinishOptions } from '../finish-run.js'
import type { ReportTargets } from '../option-parsers.js'
import type { Output } from '../output.js'
import { probeHomeserver } from '../preflight.js'
import { defaultListen } from '../default-listen.js'
import { watchRun } from '../run-watch.js'
import { interruptible } from '../interruption.js'
import { writePartialReport } from '../partial-report.js'
import { renderRunHeader } from '../../reports/check-line.js'
import { toolVersion } from '../../runner/tool-version.js'
import { dialectFields } from '../../runner/build-run-report.js'
import { readTokenFile } from '../read-token-file.js'
import { homeserverSecrets, runProvenance } from '../run-provenance.js'
import { npxCommand } from '../npx-command.js'
import { homeserverReproVariables } from '../repro-variables.js'
import { shellQuote } from '../../harness/shell-quote.js'
import { loadTlsOptions } from '../tls-options.js'

export interface HomeserverCommandOptions extends RunFinishOptions {
  hsUrl: string
  config: string
  listen?: { host: string; port: number }
  userToken?: string
  hsTimeoutMs: number
  specVersion?: string
  assumeVersion?: string
  strict: boolean
  only?: string[]
  report?: ReportTargets
  /** --load N: also grade HS-PING-LOAD with N pings, --concurrency at a time. */
  load?: number
  concurrency?: number
  /** A file holding the user token (CI secrets are often mounted as files). */
  userTokenFile?: string
  /** Where the homeserver reaches the stub, when it differs from where the stub listens. */
  stubPublicUrl?: string
  caFile?: string
  insecure?: boolean
  shard?: Shard
  /**
   * How to re-run one check (default: this command with --only); `reference` passes its own, which
   * stands alone: its homeserver and config live only during the run, so no curl could reach them.
   */
  reproCommand?: (id: string) => string
}

/** `as-ping-conformance homeserver`: preflight, run, render, exit code. */
export async function homeserverCommand(options: HomeserverCommandOptions, output: Output, loaded?: ConformanceConfig): Promise<number> {
  for (const id of options.only ?? []) {
    if (!hasRequirement(id) || requirement(id).role !== 'homeserver')
      throw new UsageError(`--only: no homeserver check '${id}'`, 'run `as-ping-conformance list` for the check ids')
  }
  if (options.concurrency !== undefined && options.load === undefined)
    throw new UsageError('--concurrency only applies under --load', 'add --load N, or drop --concurrency')
  const config = loaded ?? (await loadConformanceConfig(options.config))
  const userToken = options.userTokenFile ? await readTokenFile(options.userTokenFile, '--user-token-file') : options.userToken
  const tls = await loadTlsOptions(options)
  const inputs = await loadRunInputs(options)
  const target = await probeHomeserver(options.hsUrl, { ...options, ...(tls ? { tls } : {}) })
  const { reproCommand: customRepro, ...shown } = options
  const facts = {
    role: 'homeserver' as const,
    target: { url: options.hsUrl, versions: target.versions },
    specVersion: target.specVersion,
    dialect: target.dialect,
    strict: options.strict,
    provenance: runProvenance(shown, homeserverSecrets(config, userToken)),
    reproCommand: customRepro ?? ((id: string) => homeserverRepro(options, id)),
    ...(customRepro ? {} : { reproVariables: homeserverReproVariables(options.hsUrl, config, options.userTokenFile) }),
    ...(options.shard ? { shard: options.shard } : {}),
  }
  const header = renderRunHeader({ tool: { name: 'as-ping-conformance', version: toolVersion }, ...facts, ...dialectFields('homeserver', target.dialect) })
  const watch = watchRun(output, { hsTimeoutMs: options.hsTimeoutMs, requestDeadlineMs: requestDeadlineMs(options.hsTimeoutMs) }, header)
  const startedAt = new Date()
  const run = () =>
    runHomeserverSuite({
      hsUrl: options.hsUrl,
      config,
      listen: options.listen ?? defaultListen(options.stubPublicUrl ?? config.asUrl),
      hsTimeoutMs: options.hsTimeoutMs,
      specVersion: target.specVersion,
      advertisedVersions: target.versions,
      dialect: target.dialect,
      ...(userToken ? { userToken } : {}),
      ...(options.only ? { only: options.only } : {}),
      ...(options.load ? { load: { pings: options.load, concurrency: options.concurrency ?? defaultLoadConcurrency } } : {}),
      skip: checksToSkip(
        inputs,
        requirements.map((r) => r.id),
      ),
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.stubPublicUrl ? { stubPublicUrl: options.stubPublicUrl } : {}),
      ...(tls ? { tls } : {}),
      progress: watch,
    })
  return interruptible(
    () => writePartialReport(watch, { facts, inputs, options, startedAt }),
    () => run().finally(() => watch.stop()),
    (outcome) => finishRun(outcome, facts, inputs, options, output, watch.streamed()),
  )
}

/** The command that re-runs one check against the same target; tokens and the URL come from the environment. */
function homeserverRepro(options: HomeserverCommandOptions, id: string): string {
  const flags = ['--hs-url "$HS_URL"', `--config ${shellQuote(options.config)}`]
  if (options.userToken || options.userTokenFile) flags.push('--user-token "$USER_TOKEN"')
  if (options.caFile) flags.push(`--ca-file ${shellQuote(options.caFile)}`)
  if (options.insecure) flags.push('--insecure')
  if (options.listen) flags.push(`--listen ${options.listen.host.includes(':') ? `[${options.listen.host}]` : options.listen.host}:${options.listen.port}`)
  return `${npxCommand} homeserver ${flags.join(' ')} --hs-timeout-ms ${options.hsTimeoutMs} --only ${id}`
}
