import { sendRequest, type HttpExchange } from './http-exchange'

export interface PingOptions {
  appserviceId: string
  /** The access token to send; omit it to send none. */
  token?: string
  /** Where the token goes: the Authorization header (default) or the deprecated access_token query parameter. */
  tokenIn?: 'header' | 'query'
  /** JSON body (default {}); ignored when rawBody is given. */
  body?: unknown
  /** Exact bytes to send as the body ('' sends an empty body). */
  rawBody?: string
  method?: string
  timeoutMs?: number
}

/** The appservice side of `POST /_matrix/client/v1/appservice/{appserviceId}/ping`, as the suite plays it. */
export class HomeserverClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultTimeoutMs = 30_000,
  ) {}

  pingPath(appserviceId: string): string {
    return `/_matrix/client/v1/appservice/${encodeURIComponent(appserviceId)}/ping`
  }

  async ping(options: PingOptions): Promise<HttpExchange> {
    const url = new URL(this.pingPath(options.appserviceId), this.baseUrl)
    const headers: Record<string, string> = {}
    if (options.token !== undefined) {
      if (options.tokenIn === 'query') url.searchParams.set('access_token', options.token)
      else headers.authorization = `Bearer ${options.token}`
    }
    const method = options.method ?? 'POST'
    const bodyText = options.rawBody ?? (method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(options.body ?? {}))
    if (bodyText !== undefined) headers['content-type'] = 'application/json'
    return sendRequest({ method, url: url.href, headers, ...(bodyText === undefined ? {} : { bodyText }), timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs })
  }

  async get(path: string, token?: string): Promise<HttpExchange> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
    return sendRequest({ method: 'GET', url: new URL(path, this.baseUrl).href, headers, timeoutMs: this.defaultTimeoutMs })
  }
}
