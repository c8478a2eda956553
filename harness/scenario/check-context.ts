import { HomeserverClient, type PingOptions } from '../clients/homeserver-client'
import { requestDeadlineMs } from '../deadlines'
import type { HttpExchange } from '../clients/http-exchange'
import { createRedactor, type Redactor } from '../redact'
import { runSecrets, type HomeserverRunContext } from '../run-context'
import type { RecordedRequest } from '../stub-appservice/recorded-request'
import { StubControlClient } from '../stub-appservice/stub-control-client'
import type { StubOutcome } from '../stub-appservice/stub-outcome'
import { transcribe, type TranscriptEntry } from './transcript'

interface Hop {
  exchange: HttpExchange
  callbacks: RecordedRequest[]
}

/** One ping and what the stub appservice saw of it. */
export interface PingWithResult {
  exchange: HttpExchange
  callbacks: RecordedRequest[]
  transactionId: string
}

/** What a check's body works with: the run's facts, the two counterparts, and its own transcript. */
export class CheckContext {
  readonly hs: HomeserverClient
  readonly stub: StubControlClient
  readonly redactor: Redactor
  readonly #hops: Hop[] = []
  #txnCount = 0
  #note: string | undefined

  constructor(
    readonly run: HomeserverRunContext,
    readonly checkId: string,
  ) {
    this.hs = new HomeserverClient(run.hsUrl, requestDeadlineMs(run.hsTimeoutMs), run.deadlineAt, run.tls)
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
    await this.stub.arrange(Object.entries(outcomes).map(([transactionId, outcome]) => ({ transactionId, outcome })))
  }

  /** Pings the homeserver and keeps the exchange for the failure report. */
  async ping(options: PingOptions): Promise<HttpExchange> {
    const exchange = await this.hs.ping(options)
    this.#hops.push({ exchange, callbacks: [] })
    return exchange
  }

  /** Arranges one outcome, pings with that transaction_id as the main appservice, and reads what the stub saw. */
  async pingWith(outcome: StubOutcome, options: Partial<PingOptions> = {}): Promise<PingWithResult> {
    const transactionId = this.txn()
    await this.arrange({ [transactionId]: outcome })
    const exchange = await this.ping({ appserviceId: this.appservices.main.id, token: this.appservices.main.asToken, body: { transaction_id: transactionId }, ...options })
    const callbacks = await this.callbacksFor(transactionId, exchange)
    return { exchange, callbacks, transactionId }
  }

  /** The result of this check's head start (head-start.ts), which the runner sent before vitest started. */
  async headStart(): Promise<PingWithResult> {
    const result = (await this.stub.headStart(this.checkId)) as PingWithResult
    this.#hops.push({ exchange: result.exchange, callbacks: [...result.callbacks] })
    return result
  }

  /** The stub's requests for a transaction_id, attached to the exchange that sent it. */
  async callbacksFor(transactionId: string, exchange: HttpExchange, settleMs?: number): Promise<RecordedRequest[]> {
    const callbacks = await this.stub.requestsFor(transactionId, settleMs)
    this.attach(exchange, callbacks)
    return callbacks
  }

  /** Runs pings while collecting the pings the stub cannot correlate (no transaction_id, or one nobody arranged). */
  async collectUncorrelated(action: () => Promise<HttpExchange>): Promise<{ exchange: HttpExchange; callbacks: RecordedRequest[] }> {
    const { result: exchange, requests } = await this.stub.collectUncorrelated(action)
    this.attach(exchange, requests)
    return { exchange, callbacks: requests }
  }

  attach(exchange: HttpExchange, callbacks: readonly RecordedRequest[]): void {
    const hop = this.#hops.find((h) => h.exchange === exchange)
    if (hop) hop.callbacks.push(...callbacks)
  }

  /** Records what the target chose (shown for INFO behaviour and kept in the report). */
  note(text: string): void {
    this.#note = this.redactor.redact(text)
  }

  get noteText(): string | undefined {
    return this.#note
  }

  transcript(): TranscriptEntry[] {
    return this.#hops.map((hop) => transcribe(hop.exchange, hop.callbacks, this.redactor))
  }
}
