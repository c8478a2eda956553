import type { RateLimitedRequest } from '../harness/http/rate-limit.js'
import type { RunReport } from './run-report.js'

/** The run's 429s in words, for every rendering: one heading, one entry per 429 (check id first). */
export interface RateLimitSummary {
  heading: string
  entries: string[]
}

/** Undefined when nothing was rate-limited. */
export function rateLimitSummary(report: RunReport): RateLimitSummary | undefined {
  const all = report.results.flatMap((r) => (r.rateLimited ?? []).map((request) => ({ id: r.id, request })))
  if (all.length === 0) return undefined
  const waited = all.reduce((sum, { request }) => sum + request.waitedMs, 0)
  const gaveUp = all.filter(({ request }) => request.gaveUp).length
  const stuck = gaveUp ? `; ${gaveUp} not sent again, so ${gaveUp === 1 ? 'its check was' : 'their checks were'} skipped` : ''
  return {
    heading: `Rate-limited: ${all.length} ${all.length === 1 ? 'answer was' : 'answers were'} 429, never graded; the suite waited ${waited} ms in all and sent the requests again${stuck}`,
    entries: all.map(({ id, request }) => `${id}: ${rateLimitEntry(request)}`),
  }
}

/** "POST /_matrix/…/ping: waited 30 ms (retry_after_ms 30 ms)" */
export function rateLimitEntry(request: RateLimitedRequest): string {
  const asked = request.from === 'default' ? 'no wait given' : `${request.from} ${request.retryAfterMs} ms`
  return `${request.method} ${request.path}: ${request.gaveUp ? `${asked}; not sent again: ${request.gaveUp}` : `waited ${request.waitedMs} ms (${asked})`}`
}
