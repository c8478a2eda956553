import { HarnessError } from '../usage-error.js'
import type { RecordedRequest } from './recorded-request.js'
import type { StubOutcome } from './stub-outcome.js'

/** Requests that arrive a little after the homeserver answered must still be seen (late or duplicate pings). */
const defaultSettleMs = 150

export interface WindowOptions {
  /** How long to keep collecting after the action (late calls); default defaultSettleMs. */
  settleMs?: number
  /** Also collect calls with a string transaction_id nobody registered (see StubAppservice.openWindow). */
  takesUnknownIds?: boolean
}

/** The scenario side of the stub appservice: arrange outcomes, read what the homeserver sent. */
export class StubControlClient {
  constructor(private readonly controlUrl: string) {}

  /** Arranges outcomes by transaction_id, in one round trip however many. */
  async arrange(entries: { transactionId: string; outcome: StubOutcome }[]): Promise<void> {
    await this.#call('POST', '/arrange', entries)
  }

  /** Every request that carried this transaction_id, after waiting settleMs for late ones. */
  async requestsFor(transactionId: string, settleMs = defaultSettleMs): Promise<RecordedRequest[]> {
    const query = new URLSearchParams({ transactionId, settleMs: String(settleMs) })
    return (await this.#call('GET', `/requests?${query}`)) as RecordedRequest[]
  }

  /** The result of a check's head start, once the runner has it (waits for it; see scenario/head-start.ts). */
  async headStart(checkId: string): Promise<unknown> {
    return this.#call('GET', `/head-starts/${encodeURIComponent(checkId)}`)
  }

  /**
   * Sends one client ping through `send`, registered with the stub first (see StubAppservice.beginPing):
   * what the homeserver sends because of it is charged to it, and windows wait for it to settle.
   */
  async tracked<T extends { response?: { status: number } }>(
    transactionId: string | undefined,
    windowId: number | undefined,
    send: () => Promise<T>,
  ): Promise<{ result: T; callbackArrived: boolean }> {
    const { ticket } = (await this.#call('POST', '/pings', {
      ...(transactionId === undefined ? {} : { transactionId }),
      ...(windowId === undefined ? {} : { windowId }),
    })) as { ticket: number }
    try {
      const result = await send()
      const { callbackArrived } = (await this.#call('POST', `/pings/${ticket}/end`, { status: result.response?.status })) as { callbackArrived: boolean }
      return { result, callbackArrived }
    } catch (error) {
      await this.#call('POST', `/pings/${ticket}/end`, {})
      throw error
    }
  }

  /**
   * Runs `action(windowId)` while collecting the pings that carry no known transaction_id. A window
   * is exclusive: it opens once no other ping can still cause a call, and holds all others back.
   */
  async collectUncorrelated<T>(action: (windowId: number) => Promise<T>, options: WindowOptions = {}): Promise<{ result: T; requests: RecordedRequest[] }> {
    const { settleMs = defaultSettleMs, takesUnknownIds = false } = options
    const { id } = (await this.#call('POST', `/windows${takesUnknownIds ? '?unknownIds=1' : ''}`)) as { id: number }
    // The window must close even when the action throws, or other scenarios would wait forever.
    const settled = await action(id).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    )
    const requests = (await this.#call('POST', `/windows/${id}/close?settleMs=${settleMs}`)) as RecordedRequest[]
    if (!settled.ok) throw settled.error
    return { result: settled.value, requests }
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response
    try {
      response = await fetch(`${this.controlUrl}${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      })
    } catch (error) {
      throw new HarnessError(`[harness] stub control unreachable at ${this.controlUrl}: ${(error as Error).message}`)
    }
    const json = await response.json()
    if (!response.ok) throw new HarnessError(`[harness] stub control ${method} ${path}: ${(json as { error?: string }).error}`)
    return json
  }
}
