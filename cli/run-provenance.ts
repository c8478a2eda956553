import { createRedactor, type Secret } from '../harness/redact.js'
import type { ConformanceConfig } from '../harness/registration/conformance-config.js'
import { runSecrets } from '../harness/run-context.js'
import type { ConfigValue } from '../reports/run-report.js'

/**
 * Provenance for the report: where the suite ran and the options it was given, by flag name, with
 * every known secret replaced by its fingerprint (<user_token#1a2b3c>), so reports can be shared.
 */
export function runProvenance(options: object, secrets: readonly Secret[]): { node: string; platform: string; config: Record<string, ConfigValue> } {
  const redactor = createRedactor(secrets)
  const config: Record<string, ConfigValue> = {}
  for (const [key, value] of Object.entries(options)) {
    const shown = configValue(value)
    if (shown === undefined) continue
    config[key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)] = redactor.redactValue(shown)
  }
  return { node: process.version, platform: `${process.platform}-${process.arch}`, config }
}

function configValue(value: unknown): ConfigValue | undefined {
  if (value === undefined || typeof value === 'function') return undefined
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    if ('host' in o && 'port' in o) return `${String(o.host)}:${String(o.port)}`
    if ('index' in o && 'count' in o) return `${String(o.index)}/${String(o.count)}`
    return Object.entries(o)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',')
  }
  // What is left: a bigint or a symbol.
  return typeof value === 'bigint' || typeof value === 'symbol' ? value.toString() : undefined
}

/** Every token a homeserver run knows: the registrations' and the user's. */
export function homeserverSecrets(config: ConformanceConfig, userToken?: string): Secret[] {
  const r = config.registrations
  const appservice = (reg: typeof r.main) => ({ id: reg.id, url: reg.url, asToken: reg.as_token, hsToken: reg.hs_token })
  return runSecrets({
    appservices: { main: appservice(r.main), noUrl: appservice(r.noUrl), unreachable: appservice(r.unreachable) },
    ...(userToken ? { userToken } : {}),
  })
}
