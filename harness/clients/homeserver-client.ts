import { clientPingPathIn, type PingDialect } from '../openapi/unstable-ping-endpoints.js'
import { epochNow } from '../http/epoch-now.js'
import { retryWhileRateLimited, type RateLimitObserver } from '../http/rate-limit.js'
import type { TlsOptions } from '../http/tls-fetch.js'
import { sendRequest, type HttpExchange, type SendOptions } from './http-exchange.js'

export interface PingOptions {
  appserviceId: string
  /** The access token to send; omit it to send none. */
  token?: string
  /** Where the token goes: the Authorization header (default) or the deprecated access_token query parameter. */
  tokenIn?: 'header' | 'query'
  /** The Authorization header exactly as given (another scheme, say), instead of one made from `token`. */
  authorization?: string
  /** JSON body (default {}); ignored when rawBody is given. */
  body?: unknown
  /** Exact bytes to send as the body ('' sends an empty body). */
  rawBody?: string
  method?: string
  timeoutMs?: number
}

/** The string transaction_id a ping carries in its JSON body, if any: the key the stub charges its calls to. */
export function transactionIdOf(options: PingOptions): string | undefined {
  if (options.rawBody !== undefined) return undefined
  const body = options.body as { transaction_id?: unknown } | undefined
  return typeof body?.transaction_id === 'string' ? body.transaction_id : undefined
}

/** The appservice side of `POST /_matrix/client/v1/appservice/{appserviceId}/ping` (or MSC2659's unstable path), as the suite plays it. */
export class HomeserverClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultTimeoutMs = 30_000,
    /** epochNow() after which no request waits any longer (the run's deadline); none by default. */
    private readonly deadlineAt = Infinity,
    /** How to trust an https homeserver (--ca-file, --insecure); the usual CAs by default. */
    private readonly tls?: TlsOptions,
    /** Told of every 429 (the request is sent again after the wait; see harness/http/rate-limit.ts). */
    private readonly onRateLimited?: RateLimitObserver,
    /** Which client ping path it calls: the spec's (default), or MSC2659's unstable one for an older homeserver. */
    readonly dialect: PingDialect = 'stable',
  ) {}

  pingPath(appserviceId: string): string {
    return clientPingPathIn(this.dialect, appserviceId)
  }

  async ping(options: PingOptions): Promise<HttpExchange> {
    const url = this.#url(this.pingPath(options.appserviceId))
    const headers: Record<string, string> = {}
    if (options.token !== undefined) {
      if (options.tokenIn === 'query') url.searchParams.set('access_token', options.token)
      else headers.authorization = `Bearer ${options.token}`
    }
    if (options.authorization !== undefined) headers.authorization = options.authorization
    const method = options.method ?? 'POST'
    const bodyText = options.rawBody ?? (method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(options.body ?? {}))
    if (bodyText !== undefined) headers['content-type'] = 'application/json'
    return this.#send({
      method,
      url: url.href,
      headers,
      ...(bodyText === undefined ? {} : { bodyText }),
      timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs,
    })
  }

  async get(path: string, token?: string): Promise<HttpExchange> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    return this.#send({ method: 'GET', url: this.#url(path).href, headers, timeoutMs: this.defaultTimeoutMs })
  }

  /**
   * An API path under the base URL, keeping the base's own path: `.well-known`'s `base_url` may be
   * `https://example.org/matrix`, which `new URL('/_matrix/…', base)` would cut back to the host.
   */
  #url(apiPath: string): URL {
    const base = new URL(this.baseUrl)
    base.pathname = `${base.pathname.replace(/\/+$/, '')}${apiPath}`
    return base
  }

  /** A 429 is waited out and sent again, the waits within the request's timeout and the run's deadline. */
  #send(options: SendOptions): Promise<HttpExchange> {
    const requestEnd = epochNow() + options.timeoutMs
    const runFirst = this.deadlineAt < requestEnd
    return retryWhileRateLimited(() => this.#sendOnce(options), {
      method: options.method,
      url: options.url,
      waitUntil: runFirst ? this.deadlineAt : requestEnd,
      waitUntilReason: runFirst ? "the run's deadline" : `the request's timeout (${options.timeoutMs} ms)`,
      onRateLimited: this.onRateLimited,
    })
  }

  /** A request never outlives the deadline: a slow target cannot stretch the run past it. */
  #sendOnce(options: SendOptions): Promise<HttpExchange> {
    const left = Math.floor(this.deadlineAt - epochNow())
    const withTls = this.tls ? { ...options, tls: this.tls } : options
    return sendRequest(left < options.timeoutMs ? { ...withTls, timeoutMs: Math.max(0, left), timeoutReason: "the run's deadline" } : withTls)
  }
}
