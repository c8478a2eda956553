import { HomeserverClient, transactionIdOf, type PingOptions } from '../clients/homeserver-client.js'
import { requestDeadlineMs } from '../deadlines.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { RateLimitLog, type RateLimitedRequest } from '../http/rate-limit.js'
import { createRedactor, type Redactor } from '../redact.js'
import { runSecrets, type HomeserverRunContext } from '../run-context.js'
import type { RecordedRequest } from '../stub-appservice/recorded-request.js'
import { StubControlClient, type WindowOptions } from '../stub-appservice/stub-control-client.js'
import type { StubOutcome } from '../stub-appservice/stub-outcome.js'
import type { CheckDependency } from './check-meta.js'
import { observeResponse, type ObservedResponse } from './observed-response.js'
import { stubAppservice, transcribe, type TranscriptEntry } from './transcript.js'

interface Hop {
  exchange: HttpExchange
  callbacks: RecordedRequest[]
  /** The homeserver was to call the stub, whose answer shapes the result: a curl without the stub cannot reproduce it. */
  needsStub: boolean
  /** Its arranged answer was never given (see #noteIfLost). */
  lost?: boolean
}

/** One ping and what the stub appservice saw of it. */
export interface PingWithResult {
  exchange: HttpExchange
  callbacks: RecordedRequest[]
  transactionId: string
  /** The 429s of a head start, sent in the runner's process (see sendHeadStarts). */
  rateLimited?: RateLimitedRequest[]
}

/** What a check's body works with: the run's facts, the two counterparts, and its own transcript. */
export class CheckContext {
  readonly hs: HomeserverClient
  readonly stub: StubControlClient
  readonly redactor: Redactor
  readonly rateLimits = new RateLimitLog()
  readonly #hops: Hop[] = []
  #txnCount = 0
  #note: string | undefined
  #windowId: number | undefined
  /** The transaction_ids this check arranged an outcome for: a ping of one whose call never came was not exercised as designed. */
  readonly #arranged = new Set<string>()
  #dependency: CheckDependency | undefined
  readonly #causes = new Set<string>()

  constructor(
    readonly run: HomeserverRunContext,
    readonly checkId: string,
  ) {
    this.hs = new HomeserverClient(run.hsUrl, requestDeadlineMs(run.hsTimeoutMs), run.deadlineAt, run.tls, this.rateLimits.observe, run.dialect)
    this.stub = new StubControlClient(run.stubControlUrl)
    this.redactor = createRedactor(runSecrets(run))
  }

  /** The appservices of the run, by role. */
  get appservices() {
    return this.run.appservices
  }

  /** A transaction_id unique to this run and check. */
  txn(): string {
    return `${this.run.runId}.${this.checkId.toLowerCase()}.${++this.#txnCount}`
  }

  /** Arranges the stub appservice's answer for each transaction_id. */
  async arrange(outcomes: Record<string, StubOutcome>): Promise<void> {
    for (const transactionId of Object.keys(outcomes)) this.#arranged.add(transactionId)
    await this.stub.arrange(Object.entries(outcomes).map(([transactionId, outcome]) => ({ transactionId, outcome })))
  }

  /**
   * Pings the homeserver and keeps the exchange for the failure report. The ping is registered
   * with the stub first, with its transaction_id when it has a string one, so that whatever the
   * homeserver sends because of it is charged to this check and no other.
   */
  async ping(options: PingOptions): Promise<HttpExchange> {
    const transactionId = transactionIdOf(options)
    const { result: exchange, callbackArrived } = await this.stub.tracked(transactionId, this.#windowId, () => this.hs.ping(options))
    const arranged = transactionId !== undefined && this.#arranged.has(transactionId)
    this.#hops.push({ exchange, callbacks: [], needsStub: arranged || callbackArrived })
    if (arranged && !callbackArrived) this.#noteIfLost(exchange)
    return exchange
  }

  /** Arranges one outcome, pings with that transaction_id as the main appservice, and reads what the stub saw. */
  async pingWith(outcome: StubOutcome, options: Partial<PingOptions> = {}): Promise<PingWithResult> {
    const transactionId = this.txn()
    await this.arrange({ [transactionId]: outcome })
    const exchange = await this.ping({
      appserviceId: this.appservices.main.id,
      token: this.appservices.main.asToken,
      body: { transaction_id: transactionId },
      ...options,
    })
    const callbacks = await this.callbacksFor(transactionId, exchange)
    return { exchange, callbacks, transactionId }
  }

  /** The arranged outcome was never played when no call carried the transaction_id: what the check then sees is not what it set up. */
  #noteIfLost(exchange: HttpExchange): void {
    if (!answeredAsIfCalled(exchange)) return
    const hop = this.#hops.find((h) => h.exchange === exchange)
    if (hop) hop.lost = true
    this.dependOn(
      'HS-PING-TXN-PASSTHROUGH',
      `the homeserver answered ${exchange.response?.status}, but no call with this check's transaction_id reached the stub appservice, so its arranged answer was never given: the homeserver does not pass transaction_id through`,
    )
  }

  /**
   * Records that this check could not be exercised as designed because of a fault `checkId` owns:
   * if that check fails too (showing `cause`, when given), this check's failure is reported as its
   * consequence (runner/consequences.ts).
   */
  dependOn(checkId: string, reason: string, cause?: string): void {
    this.#dependency ??= { checkId, reason: this.redactor.redact(reason), ...(cause === undefined ? {} : { cause }) }
  }

  get dependency(): CheckDependency | undefined {
    return this.#dependency
  }

  /** Records a root cause this check's failure shows, so that the checks depending on it for that cause become its consequences. */
  showCause(cause: string): void {
    this.#causes.add(cause)
  }

  get causes(): string[] {
    return [...this.#causes]
  }

  /** The result of this check's head start (head-start.ts), which the runner sent before vitest started. */
  async headStart(): Promise<PingWithResult> {
    const result = (await this.stub.headStart(this.checkId)) as PingWithResult
    this.rateLimits.requests.push(...(result.rateLimited ?? []))
    this.#hops.push({ exchange: result.exchange, callbacks: [...result.callbacks], needsStub: true })
    if (result.callbacks.length === 0) this.#noteIfLost(result.exchange)
    return result
  }

  /** The stub's requests for a transaction_id, attached to the exchange that sent it. */
  async callbacksFor(transactionId: string, exchange: HttpExchange, settleMs?: number): Promise<RecordedRequest[]> {
    const callbacks = await this.stub.requestsFor(transactionId, settleMs)
    this.attach(exchange, callbacks)
    return callbacks
  }

  /** Runs pings while collecting the pings the stub cannot correlate (no transaction_id, or one nobody arranged). */
  async collectUncorrelated(action: () => Promise<HttpExchange>, options?: WindowOptions): Promise<{ exchange: HttpExchange; callbacks: RecordedRequest[] }> {
    const { result: exchange, requests } = await this.inWindow(action, options)
    this.attach(exchange, requests)
    // The check expects this ping's call (it has no transaction_id to arrange an answer by).
    const hop = this.#hops.find((h) => h.exchange === exchange)
    if (hop) hop.needsStub = true
    return { exchange, callbacks: requests }
  }

  /** Runs `action` in an exclusive window of the stub (see StubAppservice.openWindow): its pings are let through. */
  async inWindow<T>(action: () => Promise<T>, options?: WindowOptions): Promise<{ result: T; requests: RecordedRequest[] }> {
    return this.stub.collectUncorrelated(async (windowId) => {
      this.#windowId = windowId
      try {
        return await action()
      } finally {
        this.#windowId = undefined
      }
    }, options)
  }

  attach(exchange: HttpExchange, callbacks: readonly RecordedRequest[]): void {
    const hop = this.#hops.find((h) => h.exchange === exchange)
    if (hop) hop.callbacks.push(...callbacks)
  }

  entryOf(exchange: HttpExchange): number | undefined {
    const index = this.#hops.findIndex((h) => h.exchange === exchange)
    return index < 0 ? undefined : index
  }

  /** Records what the target chose (shown for INFO behaviour and kept in the report). */
  note(text: string): void {
    this.#note = this.redactor.redact(text)
  }

  get noteText(): string | undefined {
    return this.#note
  }

  /** Every answer of the ping endpoint this check received, for the run's schema check (observed-response.ts). */
  responses(): ObservedResponse[] {
    const entries = this.transcript()
    return this.#hops.flatMap((hop, i) => observeResponse(hop.exchange, entries[i]!, hop.lost === true, this.run) ?? [])
  }

  transcript(): TranscriptEntry[] {
    return this.#hops.map((hop) =>
      transcribe(hop.exchange, hop.callbacks, this.redactor, { baseUrl: this.run.hsUrl, ...(hop.needsStub ? { needs: stubAppservice } : {}) }),
    )
  }
}

/** An answer that says the homeserver did call the appservice: a success, or its documented relaying of the appservice's failure. */
function answeredAsIfCalled(exchange: HttpExchange): boolean {
  const status = exchange.response?.status
  return status === 200 || status === 502 || status === 504
}
