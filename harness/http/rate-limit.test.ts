import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../clients/http-exchange.js'
import { epochNow } from './epoch-now.js'
import { defaultRetryAfterMs, maxRateLimitRetries, retryAfter, retryWhileRateLimited, type RateLimitedRequest } from './rate-limit.js'

function answer(status: number, json: unknown, headers: Record<string, string> = {}): NonNullable<HttpExchange['response']> {
  return { status, headers, bodyText: JSON.stringify(json), json, truncated: false, invalidUtf8: false }
}

function exchange(response: HttpExchange['response']): HttpExchange {
  return {
    request: { method: 'POST', url: 'http://hs/_matrix/client/v1/appservice/a/ping?access_token=secret', headers: {} },
    ...(response ? { response } : {}),
    startedAt: 0,
    endedAt: 0,
    durationMs: 0,
  }
}

describe('retryAfter', () => {
  const now = Date.parse('2026-12-01T21:00:00Z')

  it('reads retry_after_ms from a Matrix error, and from a body without errcode or error', () => {
    expect(retryAfter(answer(429, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 1500 }))).toEqual({
      ms: 1500,
      from: 'retry_after_ms',
    })
    expect(retryAfter(answer(429, { retry_after_ms: 20.2 }))).toEqual({ ms: 21, from: 'retry_after_ms' })
  })

  it('reads Retry-After as delta-seconds and as an HTTP-date', () => {
    expect(retryAfter(answer(429, {}, { 'retry-after': '3' }), now)).toEqual({ ms: 3000, from: 'Retry-After' })
    expect(retryAfter(answer(429, {}, { 'retry-after': 'Tue, 01 Dec 2026 21:00:05 GMT' }), now)).toEqual({ ms: 5000, from: 'Retry-After' })
    expect(retryAfter(answer(429, {}, { 'retry-after': 'Tue, 01 Dec 2026 20:59:00 GMT' }), now)).toEqual({ ms: 0, from: 'Retry-After' })
  })

  it('takes the longer of the two, so the retry is not refused again', () => {
    expect(retryAfter(answer(429, { retry_after_ms: 500 }, { 'retry-after': '2' }), now)).toEqual({ ms: 2000, from: 'Retry-After' })
    expect(retryAfter(answer(429, { retry_after_ms: 2500 }, { 'retry-after': '2' }), now)).toEqual({ ms: 2500, from: 'retry_after_ms' })
  })

  it('waits the default when the 429 says nothing usable', () => {
    for (const [json, header] of [
      [undefined, undefined],
      [{ errcode: 'M_LIMIT_EXCEEDED' }, 'soon'],
      [{ retry_after_ms: -1 }, undefined],
      [{ retry_after_ms: '10' }, ''],
    ] as const) {
      expect(retryAfter(answer(429, json, header === undefined ? {} : { 'retry-after': header }), now)).toEqual({ ms: defaultRetryAfterMs, from: 'default' })
    }
  })

  it('is undefined for any other answer, and for none', () => {
    expect(retryAfter(answer(503, { retry_after_ms: 10 }, { 'retry-after': '1' }))).toBeUndefined()
    expect(retryAfter(undefined)).toBeUndefined()
  })
})

describe('retryWhileRateLimited', () => {
  const options = (waitUntil: number, seen: RateLimitedRequest[]) => ({
    method: 'POST',
    url: 'http://hs/_matrix/client/v1/appservice/a/ping?access_token=secret',
    waitUntil,
    waitUntilReason: "the run's deadline",
    onRateLimited: (r: RateLimitedRequest) => seen.push(r),
  })

  it('waits as asked, sends again, and records the wait with the path only', async () => {
    const answers = [answer(429, { errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 40 }), answer(200, { duration_ms: 1 })]
    const seen: RateLimitedRequest[] = []
    const started = epochNow()
    const result = await retryWhileRateLimited(async () => exchange(answers.shift()), options(epochNow() + 10_000, seen))
    expect(result.response?.status).toBe(200)
    expect(epochNow() - started).toBeGreaterThanOrEqual(39)
    expect(seen).toEqual([{ method: 'POST', path: '/_matrix/client/v1/appservice/a/ping', retryAfterMs: 40, from: 'retry_after_ms', waitedMs: 40 }])
  })

  it('does not wait past the deadline: the 429 stands, and the record says why', async () => {
    const seen: RateLimitedRequest[] = []
    const started = epochNow()
    const result = await retryWhileRateLimited(async () => exchange(answer(429, { retry_after_ms: 60_000 })), options(epochNow() + 1_000, seen))
    expect(result.response?.status).toBe(429)
    expect(epochNow() - started).toBeLessThan(500)
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/_matrix/client/v1/appservice/a/ping',
        retryAfterMs: 60_000,
        from: 'retry_after_ms',
        waitedMs: 0,
        gaveUp: "the wait would pass the run's deadline",
      },
    ])
  })

  it('gives up after a bounded number of retries', async () => {
    const seen: RateLimitedRequest[] = []
    let attempts = 0
    const result = await retryWhileRateLimited(async () => (attempts++, exchange(answer(429, { retry_after_ms: 1 }))), options(epochNow() + 10_000, seen))
    expect(result.response?.status).toBe(429)
    expect(attempts).toBe(maxRateLimitRetries + 1)
    expect(seen.map((r) => r.gaveUp)).toEqual([...Array(maxRateLimitRetries).fill(undefined), `still 429 after ${maxRateLimitRetries} retries`])
  })
})
