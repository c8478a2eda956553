/**
 * Matchers on a JSON body, in the spirit of Complement's match.JSONKey*: plain functions that
 * return a mismatch sentence, or undefined when the body matches. They know nothing about tests.
 */
export type JsonMatcher = (json: unknown) => string | undefined

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null'

function lookup(json: unknown, key: string): { found: boolean; value?: unknown } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { found: false }
  return Object.hasOwn(json, key) ? { found: true, value: (json as Record<string, unknown>)[key] } : { found: false }
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

// JSON.stringify shows a number too large for a double (Infinity) as null; say what it is.
const show = (value: unknown) =>
  `${typeof value === 'number' && !Number.isFinite(value) ? 'a number too large to represent' : JSON.stringify(value)} (${jsonType(value)})`

export const match = {
  /** The key holds exactly this JSON value. */
  keyEqual:
    (key: string, want: unknown): JsonMatcher =>
    (json) => {
      const got = lookup(json, key)
      if (!got.found) return `key '${key}' missing, want ${show(want)}`
      return JSON.stringify(got.value) === JSON.stringify(want) ? undefined : `key '${key}' got ${show(got.value)} want ${show(want)}`
    },
  /** The key, where the body has it, holds exactly this JSON value (for fields the spec says "may" be included). */
  keyEqualWherePresent:
    (key: string, want: unknown): JsonMatcher =>
    (json) =>
      lookup(json, key).found ? match.keyEqual(key, want)(json) : undefined,
  keyPresent:
    (key: string): JsonMatcher =>
    (json) =>
      lookup(json, key).found ? undefined : `key '${key}' missing`,
  keyMissing:
    (key: string): JsonMatcher =>
    (json) => {
      const got = lookup(json, key)
      return got.found ? `key '${key}' present with ${show(got.value)}, want it absent` : undefined
    },
  keyType:
    (key: string, want: JsonType): JsonMatcher =>
    (json) => {
      const got = lookup(json, key)
      if (!got.found) return `key '${key}' missing, want a ${want}`
      const type = jsonType(got.value)
      return type === want || (want === 'number' && type === 'integer') ? undefined : `key '${key}' got ${show(got.value)} want a ${want}`
    },
  /** The body is a JSON object. */
  isObject: (): JsonMatcher => (json) => (jsonType(json) === 'object' ? undefined : `body is not a JSON object`),
  /** Any other rule, named for the message; a rule that cannot be read on this body's shape does not hold. */
  that:
    (description: string, holds: (json: unknown) => boolean): JsonMatcher =>
    (json) => {
      try {
        return holds(json) ? undefined : description
      } catch {
        return `${description} (could not be checked on this body)`
      }
    },
}
