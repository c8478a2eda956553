import type { HttpExchange } from '../clients/http-exchange.js'
import type { Redactor } from '../redact.js'
import type { RecordedRequest } from '../stub-appservice/recorded-request.js'
import { describeOutcome } from '../stub-appservice/stub-outcome.js'
import { excerpt } from '../assert/excerpt.js'
import { basePrefix } from '../http/base-url.js'
import { shellQuote } from '../shell-quote.js'

/**
 * Both hops of one exchange, redacted and ready to print: what the suite sent the homeserver,
 * what the stub appservice saw of the homeserver's call back, and what came back.
 */
export interface TranscriptEntry {
  sent: string
  callbacks: string[]
  received: string
  /** A copy-paste curl that reads tokens from environment variables; empty when no curl can reproduce the exchange. */
  curl: string
  /**
   * The suite's counterpart the exchange needs ("the stub appservice", "the mock homeserver"):
   * its answer shaped the result, so only a re-run of the check reproduces it, not a curl.
   */
  needs?: string
}

/** Where the target was reached, and what of the suite the exchange needs to be reproduced. */
export interface TranscribeOptions {
  /** The target's base URL as given (--hs-url), which the curl reads from $HS_URL. */
  baseUrl: string
  needs?: string
}

/** The counterpart a homeserver exchange needs when the homeserver calls back and the stub's answer matters. */
export const stubAppservice = 'the stub appservice'

export function transcribe(exchange: HttpExchange, callbacks: readonly RecordedRequest[], redactor: Redactor, options: TranscribeOptions): TranscriptEntry {
  return {
    sent: redactor.redact(describeSent(exchange)),
    callbacks: callbacks.map((r) => redactor.redact(describeCallback(r, exchange.startedAt))),
    received: redactor.redact(describeReceived(exchange)),
    ...reproFor(exchange, redactor, 'HS_URL', options),
  }
}

/** The curl of an exchange, or what it needs instead when a curl cannot reproduce it. */
export function reproFor(exchange: HttpExchange, redactor: Redactor, urlVar: string, options: TranscribeOptions): Pick<TranscriptEntry, 'curl' | 'needs'> {
  return options.needs ? { curl: '', needs: options.needs } : { curl: redactor.forShell(curlFor(exchange, urlVar, options.baseUrl)) }
}

/** "→ POST /path  Authorization: …  body": what the suite sent (not yet redacted). */
export function describeSent(exchange: HttpExchange): string {
  const { request } = exchange
  const path = new URL(request.url)
  const auth = request.headers.authorization ? `  Authorization: ${request.headers.authorization}` : '  (no Authorization header)'
  return `→ ${request.method} ${path.pathname}${path.search}${auth}${request.bodyText !== undefined ? `  ${excerpt(request.bodyText) || "''"}` : ''}`
}

/** "← 200 after 3 ms  body", or why nothing came (not yet redacted). */
export function describeReceived(exchange: HttpExchange): string {
  return exchange.response
    ? `← ${exchange.response.status} after ${Math.round(exchange.durationMs)} ms  ${excerpt(exchange.response.bodyText) || '(empty body)'}`
    : `← no answer after ${Math.round(exchange.durationMs)} ms: ${exchange.error}`
}

function describeCallback(request: RecordedRequest, since: number): string {
  const query = Object.keys(request.query).length
    ? `?${new URLSearchParams(Object.entries(request.query).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])))}`
    : ''
  const auth = request.headers.authorization ? `  Authorization: ${request.headers.authorization}` : '  (no Authorization header)'
  const outcome = request.outcome ? `  → ${describeOutcome(request.outcome)}` : ''
  return `⇢ stub appservice received ${request.method} ${request.path}${query} at +${Math.round(request.receivedAt - since)} ms${auth}  ${excerpt(request.bodyText, 200) || "''"}${outcome}`
}

/**
 * A copy-paste curl for the exchange; the target's base URL (`baseUrl`, its own path included)
 * comes from the environment variable `urlVar`, so only what the suite added to it is spelt out.
 */
export function curlFor(exchange: HttpExchange, urlVar: string, baseUrl: string): string {
  const { request } = exchange
  const base = basePrefix(baseUrl)
  const url = new URL(request.url)
  const rest = request.url.startsWith(base) ? request.url.slice(base.length) : `${url.pathname}${url.search}`
  const parts = [`curl -sS -X ${request.method} "$${urlVar}${rest}"`]
  if (request.headers.authorization) parts.push(`-H "Authorization: ${request.headers.authorization}"`)
  if (request.bodyText !== undefined) parts.push(`-H 'Content-Type: application/json' -d ${shellQuote(request.bodyText)}`)
  return parts.join(' ')
}
