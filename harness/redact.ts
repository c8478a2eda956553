import { createHash } from 'node:crypto'

/** A secret the suite knows, and how it is named in output and in repro commands. */
export interface Secret {
  /** e.g. 'as_token' */
  label: string
  value: string
  /** Environment variable a repro command reads it from, e.g. 'AS_TOKEN'. */
  envVar: string
}

export interface Redactor {
  /** Replaces every secret with a short fingerprint: `<as_token#1a2b3c>`. */
  redact(text: string): string
  /** Replaces every secret with its environment variable (`$AS_TOKEN`), for copy-paste repro commands. */
  forShell(text: string): string
  /** Deep-redacts every string inside a JSON-like value. */
  redactValue<T>(value: T): T
}

/** The fingerprint is a hash prefix, so it identifies a token without revealing any of its characters. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6)
}

export function createRedactor(secrets: readonly Secret[]): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const known = secrets.filter((s) => s.value.length > 0).sort((a, b) => b.value.length - a.value.length)
  const replaceAll = (text: string, by: (s: Secret) => string) => known.reduce((out, s) => out.split(s.value).join(by(s)), text)
  const redact = (text: string) => replaceAll(text, (s) => `<${s.label}#${fingerprint(s.value)}>`)
  const redactValue = <T>(value: T): T => {
    if (typeof value === 'string') return redact(value) as T
    if (Array.isArray(value)) return value.map(redactValue) as T
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v)])) as T
    }
    return value
  }
  return {
    redact,
    forShell: (text) => replaceAll(text, (s) => `$${s.envVar}`),
    redactValue,
  }
}
