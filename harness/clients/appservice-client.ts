import { pingEndpoints } from '../openapi/ping-endpoints.js'
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import request from 'supertest'
import { epochNow } from '../http/epoch-now.js'
import { retryWhileRateLimited, type RateLimitObserver } from '../http/rate-limit.js'
import { decode, maxBodyBytes } from '../http/read-bounded-text.js'
import { recordResponse, type HttpExchange } from './http-exchange.js'

/** The appservice under test: a base URL, or an in-process Node request handler (an Express app is one) or http.Server. */
export type AppserviceEndpoint = string | RequestListener | Server

const appservicePingPath = pingEndpoints.ping.path
/** The media type msw's `bypass()` adds to Accept; msw takes it out again before the request leaves. */
const mswPassthrough = 'msw/passthrough'

export interface AppservicePingOptions {
  /** The token to send; omit it to send none. */
  token?: string
  /** Where `token` goes: the Authorization header (default) or the legacy access_token query parameter. */
  tokenIn?: 'header' | 'query'
  /** An access_token query parameter sent as well as the header token (the header/query mismatch case). */
  queryToken?: string
  /** The Authorization header exactly as given (another scheme, say), instead of one made from `token`. */
  authorization?: string
  /** JSON body (default {}); ignored when rawBody is given. */
  body?: unknown
  /** Exact bytes to send as the body ('' sends an empty body). */
  rawBody?: string
  method?: string
  /** Default: /_matrix/app/v1/ping */
  path?: string
  timeoutMs?: number
  /** Told of every 429 (the request is sent again after the wait; see harness/http/rate-limit.ts). */
  onRateLimited?: RateLimitObserver
}

export interface AppserviceRequest {
  method: string
  /** Path and query. */
  path: string
  headers?: Record<string, string>
  bodyText?: string
  timeoutMs?: number
  onRateLimited?: RateLimitObserver
}

/**
 * The homeserver side of `POST /_matrix/app/v1/ping`, as the suite plays it. Requests go through
 * supertest whether the appservice is a URL or in process; an in-process handler is served on a
 * loopback port of its own, once, so every request reaches the same server.
 *
 * @example
 * const client = new AppserviceClient(app)
 * const exchange = await client.ping({ token: hsToken, body: { transaction_id: 'txn-1' } })
 */
export class AppserviceClient {
  #server: Promise<{ server: Server; url: string; ownServer: boolean }> | undefined

  constructor(
    readonly endpoint: AppserviceEndpoint,
    private readonly defaultTimeoutMs = 10_000,
    /**
     * Mark every request as msw's own `bypass()` does (`Accept: msw/passthrough`), for a process
     * whose msw server the mock homeserver joined: that server lets the suite's calls through unseen.
     */
    private readonly passThroughMsw = false,
  ) {}

  /** The base URL requests go to (for an in-process handler, its loopback port). */
  async baseUrl(): Promise<string> {
    if (typeof this.endpoint === 'string') return this.endpoint.replace(/\/+$/, '')
    return (await this.#listening()).url
  }

  async ping(options: AppservicePingOptions = {}): Promise<HttpExchange> {
    const query = new URLSearchParams()
    const headers: Record<string, string> = {}
    if (options.token !== undefined) {
      if (options.tokenIn === 'query') query.set('access_token', options.token)
      else headers.authorization = `Bearer ${options.token}`
    }
    if (options.queryToken !== undefined) query.set('access_token', options.queryToken)
    if (options.authorization !== undefined) headers.authorization = options.authorization
    const method = options.method ?? 'POST'
    const bodyText = options.rawBody ?? (method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(options.body ?? {}))
    if (bodyText !== undefined) headers['content-type'] = 'application/json'
    const path = `${options.path ?? appservicePingPath}${query.size ? `?${query}` : ''}`
    return this.send({
      method,
      path,
      headers,
      ...(bodyText === undefined ? {} : { bodyText }),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    })
  }

  /** Sends one request and records the whole exchange; never throws for what the appservice does. A 429 is waited out, within the request's timeout. */
  async send(options: AppserviceRequest): Promise<HttpExchange> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs
    const url = `${await this.baseUrl()}${options.path}`
    const waitUntil = epochNow() + timeoutMs
    return retryWhileRateLimited(() => this.#sendOnce(options, timeoutMs), {
      method: options.method,
      url,
      waitUntil,
      waitUntilReason: `the request's timeout (${timeoutMs} ms)`,
      onRateLimited: options.onRateLimited,
    })
  }

  async #sendOnce(options: AppserviceRequest, timeoutMs: number): Promise<HttpExchange> {
    const baseUrl = await this.baseUrl()
    const headers = options.headers ?? {}
    const exchangeRequest = {
      method: options.method,
      url: `${baseUrl}${options.path}`,
      headers,
      ...(options.bodyText === undefined ? {} : { bodyText: options.bodyText }),
    }
    const startedAt = epochNow()
    const finish = (rest: Pick<HttpExchange, 'response' | 'error'>): HttpExchange => {
      const endedAt = epochNow()
      return { request: exchangeRequest, ...rest, startedAt, endedAt, durationMs: endedAt - startedAt }
    }
    const target = typeof this.endpoint === 'string' ? baseUrl : (await this.#listening()).server
    const agent = request(target) as unknown as Record<string, (path: string) => request.Test>
    const make = agent[options.method.toLowerCase()]
    if (!make) return finish({ error: `the suite cannot send method ${options.method}` })
    let test = make
      .call(agent, options.path)
      .redirects(0)
      .ok(() => true)
      .timeout(timeoutMs)
      .buffer(true)
      .parse(boundedParser as unknown as Parameters<request.Test['parse']>[0])
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value)
    if (this.passThroughMsw) test = test.set('Accept', [headers.Accept ?? headers.accept, mswPassthrough].filter(Boolean).join(', '))
    if (options.bodyText !== undefined) test = test.send(options.bodyText)
    try {
      const response = await test
      const raw = response.body as BoundedBuffer
      const body = decode(raw.buffer, raw.bytes, raw.truncated)
      const headers = Object.fromEntries(
        Object.entries(response.headers as Record<string, string | string[]>).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      )
      return finish({ response: recordResponse(response.status, headers, body) })
    } catch (error) {
      const failure = error as { timeout?: number; code?: string; message?: string }
      if (failure.timeout !== undefined) return finish({ error: `no answer within ${timeoutMs} ms` })
      return finish({ error: `${failure.message ?? String(error)}${failure.code && !failure.message?.includes(failure.code) ? ` (${failure.code})` : ''}` })
    }
  }

  /** Closes the loopback server started for an in-process handler (a URL or a user's server is left alone). */
  async close(): Promise<void> {
    const started = await this.#server
    this.#server = undefined
    if (!started?.ownServer) return
    started.server.closeAllConnections()
    await new Promise<void>((resolve) => started.server.close(() => resolve()))
  }

  #listening(): Promise<{ server: Server; url: string; ownServer: boolean }> {
    this.#server ??= (async () => {
      const endpoint = this.endpoint as RequestListener | Server
      const ownServer = typeof endpoint === 'function'
      const server = ownServer ? createServer(endpoint) : endpoint
      // supertest would listen on every interface; the suite binds loopback only.
      const listenHere = !server.listening
      if (listenHere) await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
      const { address, port, family } = server.address() as AddressInfo
      const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address
      return { server, url: `http://${host}:${port}`, ownServer: ownServer || listenHere }
    })()
    return this.#server
  }
}

interface BoundedBuffer {
  buffer: Buffer
  bytes: number
  truncated: boolean
}

/** Reads a body as bytes, stopping after maxBodyBytes so a hostile appservice cannot flood the suite. */
function boundedParser(res: IncomingMessage, callback: (error: Error | null, body: BoundedBuffer) => void): void {
  const chunks: Buffer[] = []
  let bytes = 0
  let done = false
  const finish = (truncated: boolean) => {
    if (done) return
    done = true
    callback(null, { buffer: Buffer.concat(chunks).subarray(0, maxBodyBytes), bytes, truncated })
  }
  res.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength
    if (bytes <= maxBodyBytes + chunk.byteLength) chunks.push(chunk)
    if (bytes > maxBodyBytes) {
      finish(true)
      res.destroy()
    }
  })
  res.on('end', () => finish(false))
  res.on('error', () => finish(false))
}
