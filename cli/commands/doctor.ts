import { loadConformanceConfig } from '../../harness/registration/conformance-config.js'
import { ExitCode } from '../../runner/exit-code.js'
import { checkHomeserver, checkStubReachable, checkTokens, type DoctorFinding, type DoctorTarget } from '../doctor-checks.js'
import type { Output } from '../output.js'
import { readTokenFile } from '../read-token-file.js'
import { loadTlsOptions } from '../tls-options.js'
import { defaultListen } from '../default-listen.js'

export interface DoctorOptions {
  hsUrl: string
  config: string
  listen?: { host: string; port: number }
  stubPublicUrl?: string
  hsTimeoutMs: number
  userToken?: string
  userTokenFile?: string
  caFile?: string
  insecure?: boolean
  specVersion?: string
  assumeVersion?: string
}

/**
 * `as-ping-conformance doctor`: the set-up checks a run depends on, each problem an error with a
 * one-line fix. Exit 0 when the run can go ahead, 2 otherwise. Sends one ping; no tokens printed.
 */
export async function doctorCommand(options: DoctorOptions, output: Output): Promise<number> {
  const config = await loadConformanceConfig(options.config)
  const tls = await loadTlsOptions(options)
  const userToken = options.userTokenFile ? await readTokenFile(options.userTokenFile, '--user-token-file') : options.userToken
  const stubPublicUrl = options.stubPublicUrl ?? config.asUrl
  const target: DoctorTarget = {
    hsUrl: options.hsUrl,
    config,
    listen: options.listen ?? defaultListen(stubPublicUrl),
    stubPublicUrl,
    hsTimeoutMs: options.hsTimeoutMs,
    ...(userToken ? { userToken } : {}),
    ...(tls ? { tls } : {}),
    ...(options.specVersion ? { specVersion: options.specVersion } : {}),
    ...(options.assumeVersion ? { assumeVersion: options.assumeVersion } : {}),
  }
  output.out(`as-ping-conformance doctor: ${options.hsUrl}, registrations in ${config.dir}\n`)
  const findings: DoctorFinding[] = []
  const report = (more: DoctorFinding[]) => {
    findings.push(...more)
    for (const f of more) output.out(`${f.ok ? '✓' : '✗'} ${f.what}: ${f.detail}\n${f.fix ? `    Fix: ${f.fix}\n` : ''}`)
  }
  if (options.stubPublicUrl && options.stubPublicUrl !== config.asUrl) {
    report([
      {
        ok: true,
        what: 'stub public url',
        detail: `${options.stubPublicUrl}; the main registration the suite holds says ${config.asUrl}: the homeserver uses the url of the registration it loaded`,
      },
    ])
  }
  const homeserver = await checkHomeserver(target)
  report(homeserver.findings)
  if (findings.every((f) => f.ok)) {
    report(await checkTokens(target))
    const mainLoaded = findings.find((f) => f.what === `as_token of ${config.registrations.main.id}`)?.ok
    if (mainLoaded) report(await checkStubReachable(target, homeserver.dialect ?? 'stable'))
  }
  const problems = findings.filter((f) => !f.ok).length
  output.out(problems ? `\nDoctor found ${problems} problem${problems > 1 ? 's' : ''} (exit 2).\n` : '\nEverything a run needs is in place (exit 0).\n')
  return problems ? ExitCode.unusable : ExitCode.conforms
}
