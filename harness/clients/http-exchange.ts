import { epochNow } from '../http/epoch-now'
import { parseJson } from '../http/parse-json'
import { readBoundedText } from '../http/read-bounded-text'

/** One request the suite made and what came back: the first hop of every failure report. */
export interface HttpExchange {
  request: {
    method: string
    url: string
    headers: Record<string, string>
    bodyText?: string
  }
  response?: {
    status: number
    headers: Record<string, string>
    bodyText: string
    /** The parsed body, or undefined when it is not JSON. */
    json: unknown
    truncated: boolean
    invalidUtf8: boolean
  }
  /** Why no response came: a network error, or the suite's own deadline. */
  error?: string
  startedAt: number
  endedAt: number
  durationMs: number
}

export interface SendOptions {
  method: string
  url: string
  headers?: Record<string, string>
  bodyText?: string
  /** The suite gives up after this long and records an error instead of a response. */
  timeoutMs: number
}

/** Sends one request and records the whole exchange; never throws for what the target does. */
export async function sendRequest(options: SendOptions): Promise<HttpExchange> {
  const headers = options.headers ?? {}
  const request = { method: options.method, url: options.url, headers, ...(options.bodyText === undefined ? {} : { bodyText: options.bodyText }) }
  const startedAt = epochNow()
  const finish = (rest: Pick<HttpExchange, 'response' | 'error'>): HttpExchange => {
    const endedAt = epochNow()
    return { request, ...rest, startedAt, endedAt, durationMs: endedAt - startedAt }
  }
  const signal = AbortSignal.timeout(options.timeoutMs)
  try {
    const response = await fetch(options.url, {
      method: options.method,
      headers,
      redirect: 'manual',
      signal,
      ...(options.bodyText === undefined ? {} : { body: options.bodyText }),
    })
    const body = await readBoundedText(response.body)
    return finish({
      response: {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        bodyText: body.text,
        json: parseJson(body.text),
        truncated: body.truncated,
        invalidUtf8: body.invalidUtf8,
      },
    })
  } catch (error) {
    if (signal.aborted) return finish({ error: `no complete answer within ${options.timeoutMs} ms` })
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    return finish({ error: `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}` })
  }
}
