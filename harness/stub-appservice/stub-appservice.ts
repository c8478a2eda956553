import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { collectQuery } from '../http/collect-query.js'
import { epochNow } from '../http/epoch-now.js'
import { isJsonObject, parseJson } from '../http/parse-json.js'
import { isPing, type RecordedRequest } from './recorded-request.js'
import { followedRedirect, redirectLocation, respondOk, type StubOutcome } from './stub-outcome.js'

const maxRequestBytes = 1024 * 1024

interface Window {
  id: number
  requests: RecordedRequest[]
  /**
   * Whether calls with a string transaction_id nobody registered are its owner's too (its subject
   * is a transaction_id the homeserver may rewrite). Otherwise they are another sender's, the
   * homeserver's own pings say, and stay unclaimed.
   */
  takesUnknownIds: boolean
}

/** A client ping the suite has registered (`beginPing`), kept for the whole run: windows wait for it to settle, lostTransactions reads it. */
interface InFlightPing {
  transactionId?: string
  /** Set by `endPing`: epochNow() of the homeserver's answer, and its status (undefined: none came). */
  answeredAt?: number
  answeredStatus?: number | undefined
  /** A ping carrying its transaction_id has arrived: nothing it causes later can be mistaken for another's. */
  callbackArrived: boolean
}

/** How long after its answer a ping may still make the homeserver call the stub (late or duplicate pings). */
const lateCallbackMs = 150
/** How often a waiting window looks whether the pings in flight have settled. */
const drainPollMs = 10

/**
 * The appservice the homeserver under test calls back. Every client ping the suite sends carries
 * its own transaction_id, registered before it is sent (`beginPing`) or arranged with an outcome,
 * so all scenarios run at once against one registration and every call is charged to the ping
 * that caused it. Pings whose subject is the absence of a usable transaction_id run in an
 * exclusive window: it opens only once no other ping can still cause a call, and no other ping
 * starts until it closes. A call the stub cannot attribute is answered 200 {} and kept
 * (`unclaimed`), for HS-PING-NO-UNSOLICITED: never dropped, never charged to another check.
 */
export class StubAppservice {
  readonly #arranged = new Map<string, StubOutcome>()
  readonly #requests: RecordedRequest[] = []
  readonly #unclaimed: RecordedRequest[] = []
  readonly #sockets = new Set<Socket>()
  readonly #inFlight = new Map<number, InFlightPing>()
  #nextTicket = 1
  #connections = 0
  #server: Server | undefined
  #window: Window | undefined
  #windowQueue: (() => void)[] = []
  #nextWindowId = 1
  /** See `holdOnlyUngraded`. */
  #transientPrefix: string | undefined
  readonly #transientCalls = new Map<string, RecordedRequest[]>()

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
    if (this.#isTransient(transactionId)) this.#transientCalls.set(transactionId, [])
  }

  /**
   * For the load mode, whose transaction_ids start with `prefix`: each is arranged just before it
   * is sent and forgotten (`forget`) once graded, so a load of any size holds only the pings in
   * flight. Their calls are kept per transaction_id until then (`requestsFor`, not `all()`); a call
   * carrying one already forgotten (a late duplicate) is still the load's: answered 200 {}, not
   * kept, never unclaimed.
   */
  holdOnlyUngraded(prefix: string): void {
    this.#transientPrefix = prefix
  }

  /** Drops a load ping's outcome and calls (see `holdOnlyUngraded`). */
  forget(transactionId: string): void {
    this.#arranged.delete(transactionId)
    this.#transientCalls.delete(transactionId)
  }

  /** Every request that carried this transaction_id, in arrival order. */
  requestsFor(transactionId: string): RecordedRequest[] {
    if (this.#isTransient(transactionId)) return [...(this.#transientCalls.get(transactionId) ?? [])]
    return this.#requests.filter((r) => r.transactionId === transactionId)
  }

  #isTransient(transactionId: string): boolean {
    return this.#transientPrefix !== undefined && transactionId.startsWith(this.#transientPrefix)
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
   * Registers a client ping about to be sent, so that what it causes is charged to it. A non-empty
   * string transaction_id becomes known (answered 200 {} unless arranged otherwise). Waits while a window
   * that is not `windowId` is open. Returns the ticket for `endPing`.
   */
  async beginPing(sentTransactionId: string | undefined, windowId?: number): Promise<number> {
    // "" cannot be told from another ping's "": such a ping is tracked as one without a transaction_id (it belongs in a window).
    const transactionId = sentTransactionId === '' ? undefined : sentTransactionId
    while (this.#window && this.#window.id !== windowId) await new Promise<void>((resolve) => this.#windowQueue.push(resolve))
    if (transactionId !== undefined && !this.#arranged.has(transactionId)) this.#arranged.set(transactionId, respondOk)
    const ticket = this.#nextTicket++
    const callbackArrived = transactionId !== undefined && this.#requests.some((r) => r.transactionId === transactionId)
    this.#inFlight.set(ticket, { ...(transactionId === undefined ? {} : { transactionId }), callbackArrived })
    return ticket
  }

  /** The homeserver answered the ping of `ticket` (or never did: no status). Says whether a call with its transaction_id has arrived. */
  endPing(ticket: number, answeredStatus: number | undefined): { callbackArrived: boolean } {
    const ping = this.#inFlight.get(ticket)
    if (!ping) return { callbackArrived: false }
    ping.answeredAt = epochNow()
    ping.answeredStatus = answeredStatus
    return { callbackArrived: ping.callbackArrived }
  }

  /**
   * Client pings the homeserver answered 200, so called the appservice for, whose transaction_id
   * never reached the stub: the homeserver dropped or rewrote it (HS-PING-TXN-PASSTHROUGH's fault).
   */
  lostTransactions(): string[] {
    return [...this.#inFlight.values()]
      .filter((p) => p.answeredStatus === 200 && p.transactionId !== undefined && !p.callbackArrived)
      .map((p) => p.transactionId!)
  }

  /**
   * Opens a window that collects the uncorrelated pings (those without a known transaction_id)
   * arriving until it is closed. It waits until no other client ping can still make the
   * homeserver call the stub, and holds every other ping back until it closes: what it collects
   * was caused by its owner's pings, or by nobody.
   */
  async openWindow(takesUnknownIds = false): Promise<number> {
    while (this.#window) await new Promise<void>((resolve) => this.#windowQueue.push(resolve))
    const id = this.#nextWindowId++
    this.#window = { id, requests: [], takesUnknownIds }
    while (![...this.#inFlight.values()].every(settled)) await new Promise((resolve) => setTimeout(resolve, drainPollMs))
    return id
  }

  closeWindow(id: number): RecordedRequest[] {
    if (this.#window?.id !== id) throw new Error(`[harness] window ${id} is not open`)
    const { requests } = this.#window
    this.#window = undefined
    // Everything that waited (pings and windows) looks again; the first window in line wins.
    for (const wake of this.#windowQueue.splice(0)) wake()
    return requests
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bodyText = await readRequestBody(req)
    const url = new URL(req.url ?? '/', 'http://stub')
    const json = parseJson(bodyText)
    const hasTransactionId = isJsonObject(json) && 'transaction_id' in json
    const transactionId = hasTransactionId ? json.transaction_id : undefined
    const transient = typeof transactionId === 'string' && this.#isTransient(transactionId)
    const arranged = typeof transactionId === 'string' ? (this.#arranged.get(transactionId) ?? (transient ? respondOk : undefined)) : undefined
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
    if (transient) this.#transientCalls.get(transactionId)?.push(recorded)
    else this.#requests.push(recorded)
    if (!isPing(recorded)) {
      answerOtherTraffic(recorded, res)
      return
    }
    if (arranged) for (const ping of this.#inFlight.values()) if (ping.transactionId === transactionId) ping.callbackArrived = true
    if (!arranged) {
      if (this.#window && (typeof transactionId !== 'string' || this.#window.takesUnknownIds)) this.#window.requests.push(recorded)
      else this.#unclaimed.push(recorded)
    }
    // The call that followed a redirect's Location gets the Location's answer, not the redirect again.
    const outcome = arranged?.kind === 'redirect' && followedRedirect(recorded) ? respondOk : (arranged ?? respondOk)
    recorded.outcome = outcome
    await perform(outcome, recorded, req, res)
  }
}

/** A ping that can no longer make the homeserver call the stub unnoticed. */
function settled(ping: InFlightPing): boolean {
  return ping.callbackArrived || (ping.answeredAt !== undefined && epochNow() - ping.answeredAt >= lateCallbackMs)
}

/** Plays the outcome on the call's response; an answer written is stamped on its record (`answeredAt`). */
async function perform(outcome: StubOutcome, recorded: RecordedRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (outcome.kind) {
    case 'hang':
      return // the socket stays open until the homeserver closes it, or stop()
    case 'reset':
      req.socket.resetAndDestroy()
      return
    case 'respond':
      if (outcome.delayMs) await new Promise((resolve) => setTimeout(resolve, outcome.delayMs))
      res.writeHead(outcome.status, outcome.contentType === null ? {} : { 'content-type': outcome.contentType ?? 'application/json' })
      res.end(outcome.body)
      recorded.answeredAt = epochNow()
      return
    case 'redirect':
      res.writeHead(outcome.status, { location: redirectLocation(recorded.path), 'content-type': 'text/plain; charset=utf-8' })
      res.end(`Redirecting to ${redirectLocation(recorded.path)}`)
      recorded.answeredAt = epochNow()
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
