import { epochNow } from '../http/epoch-now.js'
import { readJsonBody } from '../http/json-body.js'
import { maxBodyBytes, readBoundedText, type BoundedText } from '../http/read-bounded-text.js'
import { tlsFetch, type TlsOptions } from '../http/tls-fetch.js'

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
    /** The parsed body, or undefined when it is empty or not plain, complete, UTF-8 JSON. */
    json: unknown
    /** Why a non-empty body has no `json` ("is not JSON", "is not valid UTF-8 …"): read "the body …". */
    jsonProblem?: string
    truncated: boolean
    invalidUtf8: boolean
  }
  /** Why no response came: a network error, or the suite's own deadline. */
  error?: string
  startedAt: number
  endedAt: number
  durationMs: number
}

/** The response half of an exchange, from a body read with a bound (fetch and supertest alike). */
export function recordResponse(status: number, headers: Record<string, string>, body: BoundedText): NonNullable<HttpExchange['response']> {
  const { json, problem } = readJsonBody(body)
  return {
    status,
    headers,
    bodyText: body.text,
    json,
    ...(problem ? { jsonProblem: problem } : {}),
    truncated: body.truncated,
    invalidUtf8: body.invalidUtf8,
  }
}

export interface SendOptions {
  method: string
  url: string
  headers?: Record<string, string>
  bodyText?: string
  /** The suite gives up after this long and records an error instead of a response; 0 or less: not sent. */
  timeoutMs: number
  /** What set timeoutMs, named in the error when it runs out, e.g. "the run's deadline". */
  timeoutReason?: string
  /** Extra CAs, or no verification, for https targets (--ca-file, --insecure). */
  tls?: TlsOptions
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
  const within = `within ${options.timeoutMs} ms${options.timeoutReason ? ` (${options.timeoutReason})` : ''}`
  if (options.timeoutMs <= 0) return finish({ error: `not sent: ${options.timeoutReason ?? 'its deadline'} had passed` })
  // A timer cleared once the answer is read, not AbortSignal.timeout: that one's timer and signal
  // live the whole timeout out, so a load of thousands of pings a second would hold tens of thousands.
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  const { signal } = controller
  // What had arrived when something failed: the headers (status) and how many body bytes.
  let status: number | undefined
  const progress = { bytes: 0 }
  try {
    const init = { method: options.method, headers, signal, ...(options.bodyText === undefined ? {} : { body: options.bodyText }) }
    const response =
      options.tls && options.url.startsWith('https:')
        ? await tlsFetch(options.url, init, options.tls)
        : await fetch(options.url, { ...init, redirect: 'manual' })
    status = response.status
    const body = await readBoundedText(response.body, maxBodyBytes, progress)
    return finish({ response: recordResponse(response.status, Object.fromEntries(response.headers), body) })
  } catch (error) {
    const afterHeaders = `HTTP ${status} headers came, but the body`
    if (signal.aborted) {
      return finish({ error: status === undefined ? `no answer ${within}` : `${afterHeaders} was not complete ${within} (${progress.bytes} bytes so far)` })
    }
    const failure = describeNetworkError(error)
    return finish({ error: status === undefined ? failure : `${afterHeaders} broke off after ${progress.bytes} bytes: ${failure}` })
  } finally {
    clearTimeout(timer)
  }
}

/** "fetch failed (ECONNREFUSED)", "fetch failed (other side closed)": the OS code, else undici's reason. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: string } }).cause
  const code = typeof cause?.code === 'string' && /^E[A-Z]+$/.test(cause.code) ? cause.code : undefined
  const detail = code ?? cause?.message
  // undici refuses the Fetch standard's blocked ports (1, 7, 9, …) before connecting.
  const hint = detail === 'bad port' ? ': fetch never connects to this port, use another' : ''
  return `${(error as Error).message}${detail ? ` (${detail}${hint})` : ''}`
}
