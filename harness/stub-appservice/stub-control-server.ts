import { startJsonControlServer, type ControlServer } from '../http/json-control-server.js'
import type { StubAppservice } from './stub-appservice.js'

/** Results the runner is producing for checks before they run, by check id (see scenario/head-start.ts). */
export type HeadStartResults = ReadonlyMap<string, Promise<unknown>>

/**
 * Lets scenario code in vitest workers drive the one stub appservice that lives in the runner's
 * process. Bound to loopback on its own port, so the homeserver under test never sees it.
 */
export async function startStubControlServer(stub: StubAppservice, headStarts: HeadStartResults = new Map()): Promise<ControlServer> {
  return startJsonControlServer((method, url, body) => route(stub, headStarts, method, url, body))
}

async function route(stub: StubAppservice, headStarts: HeadStartResults, method: string, url: URL, body: unknown): Promise<unknown> {
  const headStart = /^\/head-starts\/([^/]+)$/.exec(url.pathname)
  if (method === 'GET' && headStart) {
    const result = headStarts.get(decodeURIComponent(headStart[1]!))
    if (!result) throw new Error(`no head start for ${decodeURIComponent(headStart[1]!)}: the runner did not send one`)
    return result
  }
  if (method === 'POST' && url.pathname === '/arrange') {
    for (const { transactionId, outcome } of body as { transactionId: string; outcome: never }[]) stub.arrange(transactionId, outcome)
    return undefined
  }
  if (method === 'GET' && url.pathname === '/requests') {
    const settleMs = Number(url.searchParams.get('settleMs') ?? 0)
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    return stub.requestsFor(url.searchParams.get('transactionId') ?? '')
  }
  if (method === 'POST' && url.pathname === '/pings') {
    const { transactionId, windowId } = body as { transactionId?: string; windowId?: number }
    return { ticket: await stub.beginPing(transactionId, windowId) }
  }
  const end = /^\/pings\/(\d+)\/end$/.exec(url.pathname)
  if (method === 'POST' && end) {
    return stub.endPing(Number(end[1]), (body as { status?: number }).status)
  }
  if (method === 'POST' && url.pathname === '/windows') return { id: await stub.openWindow(url.searchParams.get('unknownIds') === '1') }
  const close = /^\/windows\/(\d+)\/close$/.exec(url.pathname)
  if (method === 'POST' && close) {
    const settleMs = Number(url.searchParams.get('settleMs') ?? 0)
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs))
    return stub.closeWindow(Number(close[1]))
  }
  throw new Error(`unknown control route ${method} ${url.pathname}`)
}
