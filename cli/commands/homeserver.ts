import { loadConformanceConfig, type ConformanceConfig } from '../../harness/registration/conformance-config'
import { hasRequirement } from '../../harness/requirements/registry'
import { UsageError } from '../../harness/usage-error'
import { renderConsoleReport } from '../../reports/console-report'
import { writeJsonReport } from '../../reports/json-report'
import type { RunReport } from '../../reports/run-report'
import { summarize } from '../../runner/check-result'
import { ExitCode, exitCodeFor } from '../../runner/exit-code'
import { runHomeserverSuite } from '../../runner/run-homeserver-suite'
import type { ReportTargets } from '../option-parsers'
import type { Output } from '../output'
import { probeHomeserver } from '../preflight'
import { toolVersion } from '../tool-version'

export interface HomeserverCommandOptions {
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
}

/** `as-ping-conformance homeserver`: preflight, run, render, exit code. */
export async function homeserverCommand(options: HomeserverCommandOptions, output: Output, loaded?: ConformanceConfig): Promise<number> {
  for (const id of options.only ?? []) {
    if (!hasRequirement(id) || !id.startsWith('HS-')) throw new UsageError(`--only: no homeserver check '${id}'`, 'run `as-ping-conformance list` for the check ids')
  }
  const config = loaded ?? (await loadConformanceConfig(options.config))
  const target = await probeHomeserver(options.hsUrl, options)
  const outcome = await runHomeserverSuite({
    hsUrl: options.hsUrl,
    config,
    listen: options.listen ?? defaultListen(config.asUrl),
    hsTimeoutMs: options.hsTimeoutMs,
    specVersion: target.specVersion,
    ...(options.userToken ? { userToken: options.userToken } : {}),
    ...(options.only ? { only: options.only } : {}),
  })
  const exitCode = outcome.problems.length ? ExitCode.unusable : exitCodeFor(outcome.results, options)
  const report: RunReport = {
    format: 'as-ping-conformance-report',
    version: 1,
    tool: { name: 'as-ping-conformance', version: toolVersion },
    role: 'homeserver',
    target: { url: options.hsUrl, versions: target.versions },
    specVersion: target.specVersion,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    strict: options.strict,
    summary: summarize(outcome.results),
    exitCode,
    problems: outcome.problems,
    results: outcome.results,
  }
  output.out(renderConsoleReport(report, (id) => `as-ping-conformance homeserver --hs-url "$HS_URL" --config ${options.config} --only ${id}`))
  if (options.report?.json) await writeJsonReport(options.report.json, report)
  return exitCode
}

/** The stub listens on loopback at the registration url's port unless told otherwise (--listen). */
function defaultListen(asUrl: string): { host: string; port: number } {
  const url = new URL(asUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  return { host: '127.0.0.1', port }
}
