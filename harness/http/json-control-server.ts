import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

/** Answers one control request; what it returns is sent as JSON, what it throws as a 500 with the message. */
export type ControlRoute = (method: string, url: URL, body: unknown) => Promise<unknown>

export interface ControlServer {
  url: string
  close(): Promise<void>
}

/**
 * A tiny JSON API on its own loopback port, so check code in vitest workers can drive a server
 * that lives in the runner's process (the targets under test never see it).
 */
export async function startJsonControlServer(route: ControlRoute): Promise<ControlServer> {
  // The handler catches every error itself: its promise never rejects.
  const server: Server = createServer((req, res) => void answer(route, req, res))
  // A control request may wait as long as the target does (a fault round restarting an appservice,
  // a head start awaiting the timeout ping): longer than Node's default request timeout allows.
  server.requestTimeout = 0
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

async function readJson(req: AsyncIterable<Buffer>): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk)
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined
}

async function answer(route: ControlRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://control')
    const body = req.method === 'POST' ? await readJson(req) : undefined
    const reply = await route(req.method ?? '', url, body)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(reply ?? null))
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: (error as Error).message }))
  }
}
