import type { HttpExchange } from '../clients/http-exchange'
import type { Redactor } from '../redact'
import type { RecordedRequest } from '../stub-appservice/recorded-request'
import { describeOutcome } from '../stub-appservice/stub-outcome'
import { excerpt } from '../assert/excerpt'

/**
 * Both hops of one exchange, redacted and ready to print: what the suite sent the homeserver,
 * what the stub appservice saw of the homeserver's call back, and what came back.
 */
export interface TranscriptEntry {
  sent: string
  callbacks: string[]
  received: string
  /** A copy-paste curl that reads tokens from environment variables. */
  curl: string
}

export function transcribe(exchange: HttpExchange, callbacks: readonly RecordedRequest[], redactor: Redactor): TranscriptEntry {
  return {
    sent: redactor.redact(describeSent(exchange)),
    callbacks: callbacks.map((r) => redactor.redact(describeCallback(r, exchange.startedAt))),
    received: redactor.redact(describeReceived(exchange)),
    curl: redactor.forShell(curlFor(exchange, 'HS_URL')),
  }
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
  const query = Object.keys(request.query).length ? `?${new URLSearchParams(Object.entries(request.query).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])))}` : ''
  const auth = request.headers.authorization ? `  Authorization: ${request.headers.authorization}` : '  (no Authorization header)'
  const outcome = request.outcome ? `  → ${describeOutcome(request.outcome)}` : ''
  return `⇢ stub appservice received ${request.method} ${request.path}${query} at +${Math.round(request.receivedAt - since)} ms${auth}  ${excerpt(request.bodyText, 200) || "''"}${outcome}`
}

/** A copy-paste curl for the exchange; the target's base URL comes from the environment variable `urlVar`. */
export function curlFor(exchange: HttpExchange, urlVar: string): string {
  const { request } = exchange
  const url = new URL(request.url)
  const base = `${url.protocol}//${url.host}`
  const parts = [`curl -sS -X ${request.method} "$${urlVar}${request.url.slice(base.length)}"`]
  if (request.headers.authorization) parts.push(`-H "Authorization: ${request.headers.authorization}"`)
  if (request.bodyText !== undefined) parts.push(`-H 'Content-Type: application/json' -d '${request.bodyText.replace(/'/g, `'\\''`)}'`)
  return parts.join(' ')
}
