import type { HttpExchange } from '../clients/http-exchange.js'
import { epochNow } from './epoch-now.js'

/**
 * 429 M_LIMIT_EXCEEDED is never the answer to a check: rate limiting is the target's (or a
 * proxy's) traffic policy, not the ping's behaviour. Both of the suite's clients wait what the
 * target asks and send the request again, within the request's and the run's deadlines; every
 * 429 is recorded, so the report says which requests were throttled and how long the suite waited.
 */

/** Where the wait came from: the JSON body, the header, or the suite's own default. */
export type RetryAfterSource = 'retry_after_ms' | 'Retry-After' | 'default'

export interface RetryAfter {
  ms: number
  from: RetryAfterSource
}

/** One 429 the suite received (`rateLimited` of a result in the JSON report). */
export interface RateLimitedRequest {
  method: string
  /** The URL's path only: never the query, where an access_token may be. */
  path: string
  /** How long the target asked to wait, and where it said so. */
  retryAfterMs: number
  from: RetryAfterSource
  /** How long the suite waited before sending it again; 0 when it gave up. */
  waitedMs: number
  /** Why the suite did not send it again, when it did not: the 429 then stands, and the check is not graded. */
  gaveUp?: string
}

export type RateLimitObserver = (request: RateLimitedRequest) => void

/** The wait when a 429 says nothing: short, since the common limiters (Synapse, nginx) refill within a second. */
export const defaultRetryAfterMs = 1_000
/** Retries of one request before the 429 stands: a limiter that refuses four times in a row will not relent soon. */
export const maxRateLimitRetries = 3

/**
 * What a 429 asks the client to wait, or undefined for any other answer. The larger of
 * `retry_after_ms` (read from any JSON object body, with or without `errcode`/`error`) and
 * `Retry-After` (delta-seconds or an HTTP-date, RFC 9110 §10.2.3), so a retry is not refused again.
 */
export function retryAfter(response: HttpExchange['response'], now = Date.now()): RetryAfter | undefined {
  if (response?.status !== 429) return undefined
  const fromBody = bodyRetryAfterMs(response.json)
  const fromHeader = headerRetryAfterMs(response.headers['retry-after'], now)
  if (fromBody === undefined && fromHeader === undefined) return { ms: defaultRetryAfterMs, from: 'default' }
  if (fromHeader === undefined || (fromBody !== undefined && fromBody >= fromHeader)) return { ms: fromBody!, from: 'retry_after_ms' }
  return { ms: fromHeader, from: 'Retry-After' }
}

function bodyRetryAfterMs(json: unknown): number | undefined {
  const value = json && typeof json === 'object' ? (json as { retry_after_ms?: unknown }).retry_after_ms : undefined
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined
}

function headerRetryAfterMs(header: string | undefined, now: number): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

export interface RateLimitRetryOptions {
  method: string
  url: string
  /** epochNow() by which every wait must be over (the request's, or the run's, deadline). */
  waitUntil: number
  /** What waitUntil is, for the record when a wait would pass it, e.g. "the run's deadline". */
  waitUntilReason: string
  onRateLimited?: RateLimitObserver | undefined
}

/**
 * Sends with `attempt` and, while the answer is a 429, waits as asked and sends again; gives up
 * (returning the 429) after maxRateLimitRetries, or when the wait would end past `waitUntil`.
 */
export async function retryWhileRateLimited(attempt: () => Promise<HttpExchange>, options: RateLimitRetryOptions): Promise<HttpExchange> {
  const path = new URL(options.url).pathname
  for (let retries = 0; ; retries++) {
    const exchange = await attempt()
    const wait = retryAfter(exchange.response)
    if (!wait) return exchange
    const record = { method: options.method, path, retryAfterMs: wait.ms, from: wait.from }
    const gaveUp =
      retries >= maxRateLimitRetries
        ? `still 429 after ${maxRateLimitRetries} retries`
        : epochNow() + wait.ms >= options.waitUntil
          ? `the wait would pass ${options.waitUntilReason}`
          : undefined
    options.onRateLimited?.({ ...record, waitedMs: gaveUp ? 0 : wait.ms, ...(gaveUp ? { gaveUp } : {}) })
    if (gaveUp) return exchange
    await new Promise((resolve) => setTimeout(resolve, wait.ms))
  }
}

/** "rate-limited: POST /… answered 429 (retry_after_ms 120000 ms) and the wait would pass the run's deadline" */
function describeGaveUp(request: RateLimitedRequest): string {
  return `rate-limited: ${request.method} ${request.path} answered 429 (${request.from === 'default' ? 'no wait given' : `${request.from} ${request.retryAfterMs} ms`}) and ${request.gaveUp}`
}

/** The 429s of one check, in the order they came (`rateLimited` of its result). */
export class RateLimitLog {
  readonly requests: RateLimitedRequest[] = []
  readonly observe: RateLimitObserver = (request) => void this.requests.push(request)

  /** Why the check cannot be graded, if a request was still rate-limited when the suite gave up. */
  unanswered(): string | undefined {
    const stuck = this.requests.find((r) => r.gaveUp)
    return stuck && describeGaveUp(stuck)
  }
}
