import { createServer, type Server } from 'node:http'
import type { StubAppservice } from './stub-appservice'

/** Results the runner is producing for checks before they run, by check id (see scenario/head-start.ts). */
export type HeadStartResults = ReadonlyMap<string, Promise<unknown>>

/**
 * Lets scenario code in vitest workers drive the one stub appservice that lives in the runner's
 * process. Bound to loopback on its own port, so the homeserver under test never sees it.
 */
export async function startStubControlServer(stub: StubAppservice, headStarts: HeadStartResults = new Map()): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://control')
      const body = req.method === 'POST' ? await readJson(req) : undefined
      const reply = await route(stub, headStarts, req.method ?? '', url, body)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(reply ?? null))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: String((error as Error).message) }))
    }
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('[harness] control server has no TCP address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function route(stub: StubAppservice, headStarts: HeadStartResults, method: string, url: URL, body: any): Promise<unknown> {
  const headStart = /^\/head-starts\/([^/]+)$/.exec(url.pathname)
  if (method === 'GET' && headStart) {
    const result = headStarts.get(decodeURIComponent(headStart[1]!))
    if (!result) throw new Error(`no head start for ${decodeURIComponent(headStart[1]!)}: the runner did not send one`)
    return result
  }
  if (method === 'POST' && url.pathname === '/arrange') {
    for (const { transactionId, outcome } of body as Array<{ transactionId: string; outcome: never }>) stub.arrange(transactionId, outcome)
    return undefined
  }
  if (method === 'GET' && url.pathname === '/requests') {
    const settleMs = Number(url.searchParams.get('settleMs') ?? 0)
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    return stub.requestsFor(url.searchParams.get('transactionId') ?? '')
  }
  if (method === 'POST' && url.pathname === '/windows') return { id: await stub.openWindow() }
  const close = /^\/windows\/(\d+)\/close$/.exec(url.pathname)
  if (method === 'POST' && close) {
    const settleMs = Number(url.searchParams.get('settleMs') ?? 0)
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    return stub.closeWindow(Number(close[1]))
  }
  throw new Error(`unknown control route ${method} ${url.pathname}`)
}

async function readJson(req: AsyncIterable<Buffer>): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk)
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
}
