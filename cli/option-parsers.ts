import { resolve } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { parseSpecVersion } from '../harness/spec-version.js'
import { reportFormats, type ReportFormat, type ReportTargets } from '../reports/report-formats.js'
import type { FailOn } from '../runner/exit-code.js'
import type { Shard } from '../runner/shard.js'

/** Parsers for flag values; each rejects bad input with a sentence commander prints as one line. */

export function parseHttpUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError(`'${value}' is not a URL; give one with a scheme, e.g. http://127.0.0.1:8008`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // 'localhost:8008' parses as a URL with the scheme 'localhost:'.
    const guess = value.includes('//') ? '' : `, e.g. http://${value}`
    throw new InvalidArgumentError(`'${value}' must be an http:// or https:// URL${guess}`)
  }
  return value.replace(/\/+$/, '')
}

export function parsePositiveInt(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`'${value}' is not a positive whole number`)
  return n
}

/** Longer waits are surely a typo, and past ~24 days Node's timers would silently fire at once. */
export const maxTimeoutMs = 3_600_000

/** A timeout in milliseconds: a positive whole number up to an hour. */
export function parseTimeoutMs(value: string): number {
  const n = parsePositiveInt(value)
  if (n > maxTimeoutMs) throw new InvalidArgumentError(`${n} ms is more than an hour (at most ${maxTimeoutMs})`)
  return n
}

export function parseListen(value: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value)
  const port = m ? Number(m[2]) : NaN
  // Port 0 would pick a random port, which no registration can point at.
  if (!m || port === 0 || port > 65535) throw new InvalidArgumentError(`'${value}' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:9000)`)
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port }
}

export function parseVersion(value: string): string {
  if (!parseSpecVersion(value)) throw new InvalidArgumentError(`'${value}' is not a spec version like v1.7`)
  return value
}

export function parseIdList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

export type { ReportTargets }

/**
 * `json=FILE,junit=FILE,html=FILE,markdown=FILE` (any subset). Given again, --report adds to the
 * earlier targets (commander passes them as `previous`); a format given two files, or one file
 * given two formats, would silently keep only one report, so both are refused.
 */
export function parseReports(value: string, previous?: ReportTargets): ReportTargets {
  const targets: ReportTargets = { ...previous }
  for (const part of value.split(',').filter(Boolean)) {
    const [format, file] = part.split('=', 2)
    if (!reportFormats.includes(format as ReportFormat) || !file) {
      throw new InvalidArgumentError(`'${part}' is not FORMAT=FILE with a known format (allowed: ${reportFormats.join(', ')})`)
    }
    const earlier = targets[format as ReportFormat]
    if (earlier !== undefined && resolve(earlier) !== resolve(file)) {
      throw new InvalidArgumentError(`${format} is given two files, ${earlier} and ${file}; give each format one file`)
    }
    const sharing = reportFormats.find((other) => other !== format && targets[other] !== undefined && resolve(targets[other]) === resolve(file))
    if (sharing) throw new InvalidArgumentError(`${file} is given for both ${sharing} and ${format}; give each format its own file`)
    targets[format as ReportFormat] = file
  }
  return targets
}

/** `INDEX/COUNT`, 1-based, as vitest's --shard: `2/3` is the second of three. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(`'${value}' is not INDEX/COUNT with 1 <= INDEX <= COUNT (e.g. 1/3)`)
  return { index, count }
}

export function parseFailOn(value: string): FailOn {
  if (value !== 'any' && value !== 'regressions') throw new InvalidArgumentError(`'${value}' is not 'any' or 'regressions'`)
  return value
}

/** An appservice id prefix: letters, digits, '-', '_' and '.', as registration ids are used in URLs. */
export function parseIdPrefix(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value))
    throw new InvalidArgumentError(`'${value}' is not an id prefix (letters, digits, '.', '_', '-'; at most 64)`)
  return value
}

/** `NAME=FILE`, a column's label for one compared report; given again, adds another. */
export function parseLabel(value: string, previous: readonly { name: string; file: string }[] = []): { name: string; file: string }[] {
  const at = value.indexOf('=')
  const name = value.slice(0, at).trim()
  const file = value.slice(at + 1).trim()
  if (at < 0 || !name || !file) throw new InvalidArgumentError(`'${value}' is not NAME=FILE (e.g. synapse=synapse.json)`)
  return [...previous, { name, file }]
}
