import { InvalidArgumentError } from 'commander'
import { parseSpecVersion } from '../harness/spec-version'

/** Parsers for flag values; each rejects bad input with a sentence commander prints as one line. */

export function parseHttpUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError(`'${value}' is not a URL; give one with a scheme, e.g. http://127.0.0.1:8008`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`'${value}' must be an http:// or https:// URL`)
  return value.replace(/\/+$/, '')
}

export function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`'${value}' is not a positive whole number`)
  return n
}

export function parseListen(value: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value)
  const port = m ? Number(m[2]) : NaN
  if (!m || port > 65535) throw new InvalidArgumentError(`'${value}' is not HOST:PORT (e.g. 127.0.0.1:9000)`)
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port }
}

export function parseVersion(value: string): string {
  if (!parseSpecVersion(value)) throw new InvalidArgumentError(`'${value}' is not a spec version like v1.7`)
  return value
}

export function parseIdList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean)
}

export type ReportTargets = Partial<Record<'json', string>>

/** `json=FILE[,…]`; other formats arrive with the reports work and are refused until then. */
export function parseReports(value: string): ReportTargets {
  const targets: ReportTargets = {}
  for (const part of value.split(',').filter(Boolean)) {
    const [format, file] = part.split('=', 2)
    if (format !== 'json' || !file) throw new InvalidArgumentError(`'${part}' is not FORMAT=FILE with a known format (allowed: json)`)
    targets[format] = file
  }
  return targets
}
