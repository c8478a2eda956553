import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../harness/http/free-port.js'
import { epochNow } from '../http/epoch-now.js'
import { HomeserverClient } from './homeserver-client.js'
import { sendRequest } from './http-exchange.js'

/** A loopback server whose every route misbehaves in its own way. */
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  '/repeated-key': (_req, res) => res.writeHead(200).end('{"ok":false,"ok":true}'),
  '/silence': () => undefined,
  '/headers-then-silence': (_req, res) => res.writeHead(200).flushHeaders(),
  '/three-bytes-then-silence': (_req, res) => res.writeHead(200).write('{"a'),
  '/three-bytes-then-reset': (req, res) => {
    res.writeHead(200).write('{"a', () => setTimeout(() => req.socket.resetAndDestroy(), 20))
  },
  '/reset': (req) => req.socket.resetAndDestroy(),
  '/redirect': (_req, res) => res.writeHead(308, { location: '/json' }).end(),
}

let server: Server
let base: string
let hits: string[]

beforeAll(async () => {
  hits = []
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    routes[req.url ?? '']?.(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

// Generous by default: a loaded machine must not turn an answer into a timeout.
const get = (path: string, timeoutMs = 5_000, timeoutReason?: string) =>
  sendRequest({ method: 'GET', url: `${base}${path}`, timeoutMs, ...(timeoutReason ? { timeoutReason } : {}) })

describe('sendRequest', () => {
  it('records the answer, with its JSON', async () => {
    const { response, error } = await get('/json')
    expect(error).toBeUndefined()
    expect(response).toMatchObject({ status: 200, bodyText: '{"ok":true}', json: { ok: true }, truncated: false, invalidUtf8: false })
    expect(response!.jsonProblem).toBeUndefined()
  })

  it('gives no JSON for a body other clients would read differently, and says why', async () => {
    const { response } = await get('/repeated-key')
    expect(response!.json).toBeUndefined()
    expect(response!.jsonProblem).toMatch(/repeats the key 'ok'/)
  })

  it('does not follow redirects: the redirect is the answer', async () => {
    expect((await get('/redirect')).response?.status).toBe(308)
  })

  it('gives up at the deadline when nothing comes, and says so', async () => {
    const exchange = await get('/silence', 200)
    expect(exchange.error).toBe('no answer within 200 ms')
    expect(exchange.durationMs).toBeGreaterThanOrEqual(190)
    expect(exchange.durationMs).toBeLessThan(5_000)
  })

  it('tells headers without a complete body apart from no answer, with the bytes that came', async () => {
    expect((await get('/headers-then-silence', 200)).error).toBe('HTTP 200 headers came, but the body was not complete within 200 ms (0 bytes so far)')
    expect((await get('/three-bytes-then-silence', 200, "the run's deadline")).error).toBe(
      "HTTP 200 headers came, but the body was not complete within 200 ms (the run's deadline) (3 bytes so far)",
    )
  })

  it('names network failures by their OS code, before and after the headers', async () => {
    expect((await get('/reset')).error).toMatch(/^fetch failed \((ECONNRESET|other side closed)\)$/)
    expect((await get('/three-bytes-then-reset')).error).toMatch(/^HTTP 200 headers came, but the body broke off after 3 bytes: /)
    expect((await sendRequest({ method: 'GET', url: `http://127.0.0.1:${await freePort()}/`, timeoutMs: 5_000 })).error).toBe('fetch failed (ECONNREFUSED)')
  })

  it('explains the ports fetch never connects to', async () => {
    expect((await sendRequest({ method: 'GET', url: 'http://127.0.0.1:1/', timeoutMs: 5_000 })).error).toMatch(/bad port: fetch never connects to this port/)
  })

  it('does not send at all when its time is already up', async () => {
    const before = hits.length
    const exchange = await get('/json', 0, "the run's deadline")
    expect(exchange.error).toBe("not sent: the run's deadline had passed")
    expect(hits.length).toBe(before)
  })
})

describe('HomeserverClient', () => {
  it("cuts every request short at the run's deadline, and names it", async () => {
    const client = new HomeserverClient(base, 10_000, epochNow() + 250)
    const exchange = await client.get('/silence')
    expect(exchange.error).toMatch(/^no answer within \d+ ms \(the run's deadline\)$/)
    expect(exchange.durationMs).toBeLessThan(5_000)
    expect((await client.get('/json')).error).toBe("not sent: the run's deadline had passed")
  })

  it('keeps its own per-request timeout while the deadline is far', async () => {
    const client = new HomeserverClient(base, 200, epochNow() + 60_000)
    expect((await client.get('/silence')).error).toBe('no answer within 200 ms')
  })
})
