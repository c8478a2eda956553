import { describe, expect, it } from 'vitest'
import { CheckFailure } from '../assert/check-failure.js'
import { RateLimitLog } from '../http/rate-limit.js'
import { SkipCheck, unlessRateLimited } from './declare-check.js'

const path = '/_matrix/client/v1/appservice/a/ping'

function logWith(gaveUp?: string): RateLimitLog {
  const log = new RateLimitLog()
  log.observe({ method: 'POST', path, retryAfterMs: 20, from: 'retry_after_ms', waitedMs: 20 })
  if (gaveUp) log.observe({ method: 'POST', path, retryAfterMs: 120_000, from: 'retry_after_ms', waitedMs: 0, gaveUp })
  return log
}

describe('unlessRateLimited', () => {
  const skipped = `rate-limited: POST ${path} answered 429 (retry_after_ms 120000 ms) and the wait would pass the run's deadline`

  it('skips a check whose request was still rate-limited, whether the body failed on the 429 or passed it', async () => {
    const failed = unlessRateLimited(async () => {
      throw new CheckFailure(['status got 429 want 403'], 'HTTP 403', 'HTTP 429')
    }, logWith("the wait would pass the run's deadline"))
    await expect(failed).rejects.toThrow(new SkipCheck(skipped))
    await expect(failed).rejects.toBeInstanceOf(SkipCheck)
    await expect(unlessRateLimited(async () => undefined, logWith("the wait would pass the run's deadline"))).rejects.toThrow(new SkipCheck(skipped))
  })

  it('leaves the verdict alone when every 429 was waited out', async () => {
    const failure = new CheckFailure(['status got 500 want 502'], 'HTTP 502', 'HTTP 500')
    await expect(unlessRateLimited(async () => Promise.reject(failure), logWith())).rejects.toBe(failure)
    await expect(unlessRateLimited(async () => undefined, logWith())).resolves.toBeUndefined()
  })
})
