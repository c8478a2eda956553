import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { collectQuery } from '../http/collect-query'
import { epochNow } from '../http/epoch-now'
import { isJsonObject, parseJson } from '../http/parse-json'
import { isPing, type RecordedRequest } from './recorded-request'
import { respondOk, type StubOutcome } from './stub-outcome'

const maxRequestBytes = 1024 * 1024

interface Window {
  id: number
  requests: RecordedRequest[]
}

/**
 * The appservice the homeserver under test calls back. It starts with no scenarios: each scenario
 * arranges the outcome for its own transaction_id, so all scenarios can run at once against one
 * registration. Pings it cannot correlate are answered 200 {} and kept (see `unclaimed`), never dropped.
 */
export class StubAppservice {
  readonly #arranged = new Map<string, StubOutcome>()
  readonly #requests: RecordedRequest[] = []
  readonly #unclaimed: RecordedRequest[] = []
  readonly #sockets = new Set<Socket>()
  #connections = 0
  #server: Server | undefined
  #window: Window | undefined
  #windowQueue: Array<() => void> = []
  #nextWindowId = 1

  /** Listens on host:port (port 0 picks a free one) and resolves to the base URL. */
  async start(host = '127.0.0.1', port = 0): Promise<string> {
    const server = createServer((req, res) => void this.#handle(req, res))
    server.on('connection', (socket) => {
      this.#connections++
      this.#sockets.add(socket)
      socket.on('close', () => this.#sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    this.#server = server
    const address = server.address()
    if (address === null || typeof address === 'string') throw new Error('[harness] stub appservice has no TCP address')
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${shownHost}:${address.port}`
  }

  /** Closes the server and every connection still held open (hanging pings included). */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()))
  }

  /** What to do when the ping carrying this transaction_id arrives. */
  arrange(transactionId: string, outcome: StubOutcome): void {
    this.#arranged.set(transactionId, outcome)
  }

  /** Every request that carried this transaction_id, in arrival order. */
  requestsFor(transactionId: string): RecordedRequest[] {
    return this.#requests.filter((r) => r.transactionId === transactionId)
  }

  /** TCP connections accepted so far, requests or not: `doctor` tells "never connected" from "connected, sent nothing". */
  get connectionCount(): number {
    return this.#connections
  }

  /** Every request received so far. */
  all(): readonly RecordedRequest[] {
    return this.#requests
  }

  /** Uncorrelated pings that arrived while no window was open: nobody asked for them. */
  unclaimed(): readonly RecordedRequest[] {
    return this.#unclaimed
  }

  /**
   * Opens a window that collects the uncorrelated pings (those without a known transaction_id)
   * arriving until it is closed. One window at a time, so two scenarios that ping without a
   * transaction_id never see each other's requests; others wait their turn.
   */
  async openWindow(): Promise<number> {
    while (this.#window) await new Promise<void>((resolve) => this.#windowQueue.push(resolve))
    this.#window = { id: this.#nextWindowId++, requests: [] }
    return this.#window.id
  }

  closeWindow(id: number): RecordedRequest[] {
    if (this.#window?.id !== id) throw new Error(`[harness] window ${id} is not open`)
    const { requests } = this.#window
    this.#window = undefined
    this.#windowQueue.shift()?.()
    return requests
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bodyText = await readRequestBody(req)
    const url = new URL(req.url ?? '/', 'http://stub')
    const json = parseJson(bodyText)
    const hasTransactionId = isJsonObject(json) && 'transaction_id' in json
    const transactionId = hasTransactionId ? json.transaction_id : undefined
    const arranged = typeof transactionId === 'string' ? this.#arranged.get(transactionId) : undefined
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: collectQuery(url),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      bodyText,
      hasTransactionId,
      ...(hasTransactionId ? { transactionId } : {}),
      receivedAt: epochNow(),
      correlated: arranged !== undefined,
    }
    this.#requests.push(recorded)
    if (!isPing(recorded)) return answerOtherTraffic(recorded, res)
    if (!arranged) {
      if (this.#window) this.#window.requests.push(recorded)
      else this.#unclaimed.push(recorded)
    }
    const outcome = arranged ?? respondOk
    recorded.outcome = outcome
    await perform(outcome, req, res)
  }
}

async function perform(outcome: StubOutcome, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (outcome.kind) {
    case 'hang':
      return // the socket stays open until the homeserver closes it, or stop()
    case 'reset':
      req.socket.resetAndDestroy()
      return
    case 'respond':
      if (outcome.delayMs) await new Promise((resolve) => setTimeout(resolve, outcome.delayMs))
      res.writeHead(outcome.status, { 'content-type': outcome.contentType ?? 'application/json' })
      res.end(outcome.body)
  }
}

/** Transactions are acknowledged so the homeserver never backs off from the stub; anything else is unknown. */
function answerOtherTraffic(request: RecordedRequest, res: ServerResponse): void {
  const isTransaction = request.method === 'PUT' && request.path.includes('/_matrix/app/v1/transactions/')
  res.writeHead(isTransaction ? 200 : 404, { 'content-type': 'application/json' })
  res.end(isTransaction ? '{}' : '{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}')
}

async function readRequestBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    if (size <= maxRequestBytes) chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
