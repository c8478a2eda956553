import { loadConformanceConfig, type ConformanceConfig } from '../../harness/registration/conformance-config'
import { hasRequirement } from '../../harness/requirements/registry'
import { UsageError } from '../../harness/usage-error'
import { buildRunReport } from '../../reports/build-run-report'
import { runHomeserverSuite } from '../../runner/run-homeserver-suite'
import type { ReportTargets } from '../option-parsers'
import type { Output } from '../output'
import { probeHomeserver } from '../preflight'
import { publishReport } from '../publish-report'

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
  const report = buildRunReport(outcome, {
    role: 'homeserver',
    target: { url: options.hsUrl, versions: target.versions },
    specVersion: target.specVersion,
    strict: options.strict,
  })
  return publishReport(
    report,
    { ...(options.report ? { report: options.report } : {}), reproCommand: (id) => `as-ping-conformance homeserver --hs-url "$HS_URL" --config ${options.config} --only ${id}` },
    output,
  )
}

/** The stub listens on loopback at the registration url's port unless told otherwise (--listen). */
function defaultListen(asUrl: string): { host: string; port: number } {
  const url = new URL(asUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  return { host: '127.0.0.1', port }
}
