import type { HttpExchange } from '../clients/http-exchange.js'
import { dialectOfPingUrl, errcodeSpellings, stableErrcodeOf, withStableErrcode, type PingDialect } from '../openapi/unstable-ping-endpoints.js'
import type { FailedHop } from '../scenario/check-meta.js'
import type { RecordedRequest } from '../stub-appservice/recorded-request.js'
import { CheckFailure } from './check-failure.js'
import { excerpt } from './excerpt.js'
import type { JsonMatcher } from './match.js'

export interface ResponseExpectation {
  status: number
  /** Shorthand for match.keyEqual('errcode', …). */
  errcode?: string
  json?: JsonMatcher[]
  /** Header name (lower case) → exact value or a test. */
  headers?: Record<string, string | ((value: string | undefined) => boolean)>
}

/** "HTTP 500 {"errcode":"M_UNKNOWN"}", or why there was no answer. */
export function describeResponse(exchange: HttpExchange): string {
  if (!exchange.response) return `no answer: ${exchange.error ?? 'unknown error'}`
  const { status, bodyText } = exchange.response
  return `HTTP ${status}${bodyText ? ` ${excerpt(bodyText)}` : ' (empty body)'}`
}

/** "HTTP 502 M_BAD_STATUS", "HTTP 200": which answer it was, for notes and one-line messages (describeResponse shows the whole body). */
export function answerInBrief(exchange: HttpExchange): string {
  if (!exchange.response) return describeResponse(exchange)
  const errcode = (exchange.response.json as { errcode?: unknown } | null | undefined)?.errcode
  return `HTTP ${exchange.response.status}${typeof errcode === 'string' ? ` ${errcode}` : ''}`
}

/** Several answers the spec allows alike (Complement's AnyOf): a response matching one of them matches. */
export type AllowedResponses = ResponseExpectation | readonly ResponseExpectation[]

/** `HTTP 502, errcode "M_BAD_STATUS"`; on MSC2659's unstable path `… "M_BAD_STATUS" or "FI.MAU.MSC2659_BAD_STATUS"`. */
export function describeExpectation(want: AllowedResponses, dialect: PingDialect = 'stable'): string {
  if (isAnyOf(want)) return want.map((w) => describeExpectation(w, dialect)).join(' or ')
  const parts = [`HTTP ${want.status}`]
  if (want.errcode) parts.push(`errcode ${spellingsOf(dialect, want.errcode)}`)
  return parts.join(', ')
}

/** The dialect an exchange was graded in: an answer on MSC2659's unstable client path may spell its errcodes FI.MAU.MSC2659_…. */
function dialectOf(exchange: HttpExchange): PingDialect {
  return dialectOfPingUrl(exchange.request.url) ?? 'stable'
}

function spellingsOf(dialect: PingDialect, errcode: string): string {
  return errcodeSpellings(dialect, errcode)
    .map((e) => `"${e}"`)
    .join(' or ')
}

/** Every way the response differs from the expectation (empty when it matches); for several allowed answers, from the closest one. */
export function responseMismatches(exchange: HttpExchange, want: AllowedResponses): string[] {
  if (!isAnyOf(want)) return singleMismatches(exchange, want)
  const each = want.map((w) => singleMismatches(exchange, w))
  if (each.some((m) => m.length === 0)) return []
  const closest = each.reduce((a, b) => (b.length < a.length ? b : a))
  return [`none of the allowed answers (${describeExpectation(want, dialectOf(exchange))}); closest: ${closest.join(', ')}`]
}

function isAnyOf(want: AllowedResponses): want is readonly ResponseExpectation[] {
  return Array.isArray(want)
}

function singleMismatches(exchange: HttpExchange, want: ResponseExpectation): string[] {
  const response = exchange.response
  if (!response) return [`no answer from the homeserver: ${exchange.error ?? 'unknown error'}`]
  const mismatches: string[] = []
  if (response.status !== want.status) mismatches.push(`status got ${response.status} want ${want.status}`)
  const matchers = [...(want.errcode ? [errcodeMatcher(dialectOf(exchange), want.errcode)] : []), ...(want.json ?? [])]
  if (matchers.length > 0 && response.json === undefined) {
    mismatches.push(`body ${response.jsonProblem ?? 'is not JSON'}: ${excerpt(response.bodyText) || '(empty)'}`)
  } else {
    for (const matcher of matchers) {
      const mismatch = matcher(response.json)
      if (mismatch) mismatches.push(mismatch)
    }
  }
  for (const [name, test] of Object.entries(want.headers ?? {})) {
    const value = response.headers[name]
    const ok = typeof test === 'string' ? value === test : test(value)
    if (!ok) mismatches.push(`header '${name}' got ${value === undefined ? 'none' : JSON.stringify(value)}`)
  }
  return mismatches
}

function errcodeMatcher(dialect: PingDialect, errcode: string): JsonMatcher {
  const spellings = errcodeSpellings(dialect, errcode)
  return (json) => {
    const got = (json as { errcode?: unknown } | null)?.errcode
    if (typeof got === 'string' && spellings.includes(got)) return undefined
    // The one mistake worth naming: the unstable spelling where it is not allowed (a route moved to v1, its errcodes not).
    const why = typeof got === 'string' && stableErrcodeOf(got) === errcode ? ` (MSC2659's unstable spelling, allowed on its unstable paths only)` : ''
    return `errcode got ${JSON.stringify(got ?? null)} want ${spellingsOf(dialect, errcode)}${why}`
  }
}

/**
 * Whether the exchange differs from the expectation only in spelling one of MSC2659's errcodes the
 * unstable way (FI.MAU.MSC2659_BAD_STATUS where M_BAD_STATUS is due) on the spec's v1 path: read as
 * the spec's spelling, it would match. On the unstable path that spelling matches in the first place.
 */
export function onlyUnstableErrcodes(exchange: HttpExchange, want: AllowedResponses): boolean {
  const respelt = withSpecErrcode(exchange)
  return respelt !== undefined && responseMismatches(exchange, want).length > 0 && responseMismatches(respelt, want).length === 0
}

/** The exchange with its errcode in the spec's spelling; undefined when its errcode is no unstable spelling. */
function withSpecErrcode(exchange: HttpExchange): HttpExchange | undefined {
  const { response } = exchange
  const json = response && withStableErrcode(response.json)
  return response && json !== response.json ? { ...exchange, response: { ...response, json } } : undefined
}

export interface Must {
  matchResponse(exchange: HttpExchange, want: AllowedResponses): void
  matchEach(cases: readonly { name: string; exchange: HttpExchange; want: AllowedResponses }[]): void
  haveReceived(requests: readonly RecordedRequest[], count: number, what: string): void
  haveReceivedSome(requests: readonly RecordedRequest[], what: string): void
  hold(condition: boolean, mismatch: string, expected: string, actual: string, exchange?: HttpExchange, hop?: FailedHop): asserts condition
}

/** Assertions that end the check with a CheckFailure listing every mismatch. */
export const must: Must = {
  matchResponse(exchange: HttpExchange, want: AllowedResponses): void {
    const mismatches = responseMismatches(exchange, want)
    if (mismatches.length)
      throw new CheckFailure(
        mismatches,
        describeExpectation(want, dialectOf(exchange)),
        describeResponse(exchange),
        exchange,
        'answer',
        onlyUnstableErrcodes(exchange, want),
      )
  },

  /** Several named exchanges at once; the failure lists every case that differs, and its repro is the first that does. */
  matchEach(cases: readonly { name: string; exchange: HttpExchange; want: AllowedResponses }[]): void {
    const failing = cases.map((c) => ({ ...c, mismatches: responseMismatches(c.exchange, c.want) })).filter((c) => c.mismatches.length > 0)
    if (failing.length === 0) return
    throw new CheckFailure(
      failing.flatMap((c) => c.mismatches.map((m) => `${c.name}: ${m}`)),
      failing.map((c) => `${c.name}: ${describeExpectation(c.want, dialectOf(c.exchange))}`).join('; '),
      failing.map((c) => `${c.name}: ${describeResponse(c.exchange)}`).join('; '),
      failing[0]!.exchange,
      'answer',
      failing.every((c) => onlyUnstableErrcodes(c.exchange, c.want)),
    )
  },

  /** The stub appservice saw exactly `count` requests for the scenario. */
  haveReceived(requests: readonly RecordedRequest[], count: number, what: string): void {
    if (requests.length !== count) {
      throw new CheckFailure(
        [`the stub appservice received ${requests.length} ${what}, want ${count}`],
        `${count} × ${what}`,
        requests.length ? requests.map((r) => `${r.method} ${r.path} ${excerpt(r.bodyText)}`).join(' | ') : 'nothing',
        undefined,
        'call',
      )
    }
  },

  /**
   * The stub appservice saw at least one request for the scenario: for checks that grade what each
   * call carries, and leave how many calls one ping makes to HS-PING-FORWARDED-ONCE.
   */
  haveReceivedSome(requests: readonly RecordedRequest[], what: string): void {
    if (requests.length === 0) throw new CheckFailure([`the stub appservice received no ${what}`], `at least one ${what}`, 'nothing', undefined, 'call')
  },

  /**
   * A general condition; `mismatch` says what was wrong, expected/actual say it in two short lines,
   * `exchange` (if one) is where, and `hop` which of the target's hops: its answer, or a call it made.
   */
  hold(condition: boolean, mismatch: string, expected: string, actual: string, exchange?: HttpExchange, hop?: FailedHop): asserts condition {
    if (!condition) throw new CheckFailure([mismatch], expected, actual, exchange, hop)
  },
}
