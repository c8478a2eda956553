import { HarnessError } from '../usage-error'
import type { RecordedRequest } from './recorded-request'
import type { StubOutcome } from './stub-outcome'

/** Requests that arrive a little after the homeserver answered must still be seen (late or duplicate pings). */
export const defaultSettleMs = 150

/** The scenario side of the stub appservice: arrange outcomes, read what the homeserver sent. */
export class StubControlClient {
  constructor(private readonly controlUrl: string) {}

  /** Arranges outcomes by transaction_id, in one round trip however many. */
  async arrange(entries: Array<{ transactionId: string; outcome: StubOutcome }>): Promise<void> {
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
   * Runs `action` while collecting the pings that carry no known transaction_id. Windows are
   * exclusive, so concurrent scenarios that ping without a transaction_id take turns.
   */
  async collectUncorrelated<T>(action: () => Promise<T>, settleMs = defaultSettleMs): Promise<{ result: T; requests: RecordedRequest[] }> {
    const { id } = (await this.#call('POST', '/windows')) as { id: number }
    // The window must close even when the action throws, or other scenarios would wait forever.
    const settled = await action().then(
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
    const json = (await response.json()) as unknown
    if (!response.ok) throw new HarnessError(`[harness] stub control ${method} ${path}: ${(json as { error?: string }).error}`)
    return json
  }
}
