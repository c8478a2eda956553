import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RateLimitedRequest } from '../http/rate-limit.js'
import { HomeserverClient } from './homeserver-client.js'

describe('HomeserverClient', () => {
  const seen: string[] = []
  const server = createServer((req, res) => {
    seen.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  let origin = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it.each([
    ['a bare origin', '', '/_matrix/client/v1/appservice/a%2Fb/ping'],
    ['a base path (.well-known base_url)', '/matrix', '/matrix/_matrix/client/v1/appservice/a%2Fb/ping'],
    ['a base path with a trailing slash', '/matrix/', '/matrix/_matrix/client/v1/appservice/a%2Fb/ping'],
  ])('keeps %s in front of every API path', async (_, basePath, want) => {
    seen.length = 0
    const client = new HomeserverClient(`${origin}${basePath}`, 5_000)
    await client.ping({ appserviceId: 'a/b', token: 't' })
    await client.get('/_matrix/client/versions')
    expect(seen).toEqual([want, `${basePath.replace(/\/$/, '')}/_matrix/client/versions`])
  })

  it("pings MSC2659's unstable client path when the run grades the unstable dialect", async () => {
    seen.length = 0
    await new HomeserverClient(`${origin}/matrix`, 5_000, Infinity, undefined, undefined, 'unstable').ping({ appserviceId: 'a/b', token: 't' })
    expect(seen).toEqual(['/matrix/_matrix/client/unstable/fi.mau.msc2659/appservice/a%2Fb/ping'])
  })
})

describe('HomeserverClient, rate-limited', () => {
  let limited = 0
  const server = createServer((req, res) => {
    // The first request is refused with M_LIMIT_EXCEEDED, as a rate limiter in front of the homeserver would.
    if (limited++ === 0)
      return void res
        .writeHead(429, { 'content-type': 'application/json' })
        .end('{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":30}')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"duration_ms":1}')
  })
  let origin = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('waits retry_after_ms, sends again, gives the 200, and records the wait without the token', async () => {
    const seen: RateLimitedRequest[] = []
    const client = new HomeserverClient(origin, 5_000, Infinity, undefined, (r) => seen.push(r))
    const exchange = await client.ping({ appserviceId: 'a/b', token: 'secret-as-token', tokenIn: 'query' })
    expect(exchange.response?.status).toBe(200)
    expect(limited).toBe(2)
    expect(seen).toEqual([{ method: 'POST', path: '/_matrix/client/v1/appservice/a%2Fb/ping', retryAfterMs: 30, from: 'retry_after_ms', waitedMs: 30 }])
  })
})
