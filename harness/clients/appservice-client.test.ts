import { describe, expect, it } from 'vitest'
import { freePort } from '../http/free-port.js'
import { maxBodyBytes } from '../http/read-bounded-text.js'
import type { RateLimitedRequest } from '../http/rate-limit.js'
import { AppserviceClient } from './appservice-client.js'

describe('AppserviceClient', () => {
  let rateLimited = 0
  const client = new AppserviceClient((req, res) => {
    // Refused once with Retry-After, as a rate-limiting proxy in front of the appservice would.
    if (req.url === '/limited' && rateLimited++ === 0) return void res.writeHead(429, { 'retry-after': '0' }).end('Too Many Requests')
    if (req.url === '/huge') return void res.writeHead(200).end('x'.repeat(maxBodyBytes * 3))
    if (req.url === '/redirect') return void res.writeHead(302, { location: '/elsewhere' }).end()
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, auth: req.headers.authorization ?? null, body })),
    )
  })

  it('sends the token where asked and the body byte for byte, in process', async () => {
    const both = await client.ping({ token: 'h', queryToken: 'q', rawBody: '{"transaction_id": ' })
    expect(both.response?.json).toEqual({ url: '/_matrix/app/v1/ping?access_token=q', auth: 'Bearer h', body: '{"transaction_id": ' })
    const query = await client.ping({ token: 'h', tokenIn: 'query', rawBody: '' })
    expect(query.response?.json).toEqual({ url: '/_matrix/app/v1/ping?access_token=h', auth: null, body: '' })
    expect(both.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_matrix\/app\/v1\/ping\?access_token=q$/)
  })

  it('waits out a 429 (Retry-After), sends again, gives the answer after it, and records the wait', async () => {
    const seen: RateLimitedRequest[] = []
    const exchange = await client.ping({ token: 'h', path: '/limited', onRateLimited: (r) => seen.push(r) })
    expect(exchange.response?.status).toBe(200)
    expect(rateLimited).toBe(2)
    expect(seen).toEqual([{ method: 'POST', path: '/limited', retryAfterMs: 0, from: 'Retry-After', waitedMs: 0 }])
  })

  it('cuts huge bodies, does not follow redirects, and records a refused connection as an error', async () => {
    const huge = await client.send({ method: 'GET', path: '/huge' })
    expect(huge.response).toMatchObject({ status: 200, truncated: true })
    expect(huge.response!.bodyText.length).toBe(maxBodyBytes)
    expect((await client.send({ method: 'GET', path: '/redirect' })).response?.status).toBe(302)
    const refused = await new AppserviceClient(`http://127.0.0.1:${await freePort()}`).ping({})
    expect(refused.response).toBeUndefined()
    expect(refused.error).toMatch(/ECONNREFUSED/)
    await client.close()
  })
})
