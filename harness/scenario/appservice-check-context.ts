import { AppserviceClient, type AppservicePingOptions } from '../clients/appservice-client.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { RateLimitLog } from '../http/rate-limit.js'
import type { HomeserverFault } from '../mock-homeserver/homeserver-plan.js'
import { isNoPing, type PingRound, type ProcessExit } from '../mock-homeserver/ping-round.js'
import { appserviceSecrets } from '../appservice-run-context.js'
import { createRedactor, type Redactor } from '../redact.js'
import type { AppserviceTarget } from './appservice-target.js'
import { transcribeAppserviceExchange, transcribeRound } from './appservice-transcript.js'
import { SkipCheck, type RecordingContext } from './declare-check.js'
import type { CheckDependency } from './check-meta.js'
import type { TranscriptEntry } from './transcript.js'
import { classifyValidPing, type ValidPingVerdict } from './valid-ping-probe.js'

/** A valid ping sent after a fault round; `exited` when it got no answer because the appservice had ended. */
export interface StillUp {
  exchange: HttpExchange
  exited?: ProcessExit
}

/**
 * What an appservice check's body works with: the appservice (`ping`, as the homeserver would
 * call it), the mock homeserver it pings (`firstPing`, `pingUnder`), and its own transcript.
 */
export class AppserviceCheckContext implements RecordingContext {
  readonly redactor: Redactor
  readonly rateLimits = new RateLimitLog()
  readonly #entries: TranscriptEntry[] = []
  /** The exchange behind each entry (none for the appservice's own pings), to name the one a failure is about. */
  readonly #exchanges: (HttpExchange | undefined)[] = []
  #txnCount = 0
  #note: string | undefined
  #dependency: CheckDependency | undefined
  #probe: Promise<ValidPingVerdict> | undefined

  constructor(
    readonly target: AppserviceTarget,
    readonly checkId: string,
  ) {
    this.redactor = createRedactor(appserviceSecrets(target.credentials))
  }

  get credentials() {
    return this.target.credentials
  }

  /** A transaction_id unique to this run and check. */
  txn(): string {
    return `${this.target.runId}.${this.checkId.toLowerCase()}.${++this.#txnCount}`
  }

  /** Sends one request to the appservice's ping path (or `path`) and keeps the exchange for the report. */
  async ping(options: AppservicePingOptions): Promise<HttpExchange> {
    const exchange = await this.#send(this.target.client, options)
    this.#recordExchange(exchange, this.#baseUrl(exchange))
    return exchange
  }

  #send(client: AppserviceClient, options: AppservicePingOptions): Promise<HttpExchange> {
    return client.ping({ ...options, onRateLimited: this.rateLimits.observe })
  }

  #recordExchange(exchange: HttpExchange, baseUrl: string): void {
    this.#record(transcribeAppserviceExchange(exchange, this.redactor, baseUrl), exchange)
  }

  /** A valid ping: `Authorization: Bearer <hs_token>` and, by default, a fresh transaction_id. */
  validPing(body: unknown = { transaction_id: this.txn() }): Promise<HttpExchange> {
    return this.ping({ token: this.credentials.hsToken, body })
  }

  /** The check's first valid ping, classified (see valid-ping-probe.ts); made once per check. */
  probe(): Promise<ValidPingVerdict> {
    this.#probe ??= (async () => {
      const exchange = await this.validPing()
      const accepted = exchange.response && exchange.response.status >= 200 && exchange.response.status < 300
      return classifyValidPing(exchange, accepted ? undefined : await this.target.homeserver.firstPing())
    })()
    return this.#probe
  }

  /** Skips a check about the ping endpoint's behaviour when the appservice has no such endpoint (AS-PING-OK reports that). */
  async requirePingEndpoint(): Promise<void> {
    const verdict = await this.probe()
    if (verdict.kind === 'no-endpoint') throw new SkipCheck(`not applicable: ${verdict.reason} (see AS-PING-OK)`)
  }

  /** Skips a check whose valid pings were rejected only because the appservice did not start them (AS-PING-UNSOLICITED reports that). */
  async skipIfRejectsUnsolicited(): Promise<void> {
    const verdict = await this.probe()
    if (verdict.kind === 'no-endpoint') throw new SkipCheck(`not applicable: ${verdict.reason} (see AS-PING-OK)`)
    if (verdict.kind === 'rejects-unsolicited' || verdict.kind === 'rejects-unprompted')
      throw new SkipCheck(`not graded: ${verdict.reason} (see AS-PING-UNSOLICITED)`)
  }

  /** The appservice's first own ping as the mock homeserver saw it; skips the check when there was none. */
  async firstPing(): Promise<PingRound> {
    const result = await this.target.homeserver.firstPing()
    if (isNoPing(result)) throw new SkipCheck(`the suite saw no ping of the appservice's own: ${result.unavailable}`)
    this.#record(transcribeRound(result, this.redactor))
    return result
  }

  /** Makes the appservice ping while the homeserver injects `fault`; skips the check when it cannot be made to ping. */
  async pingUnder(fault: HomeserverFault): Promise<PingRound> {
    const result = await this.target.homeserver.pingUnder(fault)
    if (isNoPing(result)) throw new SkipCheck(`the suite cannot make the appservice ping again: ${result.unavailable}`)
    this.#record(transcribeRound(result, this.redactor))
    return result
  }

  /**
   * Each fault's round, then `then(round, stillUp, index)` on it; the results in the faults' order.
   * `stillUp()` sends a valid ping to the instance that went through the round and, when it gets no
   * answer, says how the instance ended if it has (its exit may land after the round). The rounds run at
   * once where the homeserver side can (an instance of the appservice each), else one at a time,
   * each `then` before the next restart; the note says which, and why one at a time. Skips the
   * check as pingUnder does. The transcript is in the faults' order either way.
   */
  async pingUnderEach<T>(
    faults: readonly HomeserverFault[],
    then: (round: PingRound, stillUp: () => Promise<StillUp>, index: number) => Promise<T>,
  ): Promise<T[]> {
    const rounds = await this.target.homeserver.pingUnderEach(faults)
    if ('oneAtATime' in rounds) {
      if (rounds.because) this.note(`the ${faults.length} fault rounds ran one at a time: ${rounds.because}`)
      const results: T[] = []
      const stillUp = async () => this.#stillUp(await this.validPing())
      for (const [i, fault] of faults.entries()) results.push(await then(await this.pingUnder(fault), stillUp, i))
      return results
    }
    const seen = rounds.atOnce.map((round) => {
      if (isNoPing(round)) throw new SkipCheck(`the suite cannot make the appservice ping again: ${round.unavailable}`)
      return round
    })
    const pings: { exchange: HttpExchange; baseUrl: string }[] = []
    const results = await Promise.all(
      seen.map((round, i) =>
        then(
          round,
          async () => {
            const client = round.appserviceUrl ? new AppserviceClient(round.appserviceUrl) : this.target.client
            const exchange = await this.#send(client, { token: this.credentials.hsToken, body: { transaction_id: this.txn() } })
            pings[i] = { exchange, baseUrl: this.#baseUrl(exchange, round.appserviceUrl) }
            if (client !== this.target.client) await client.close()
            return this.#stillUp(exchange, i)
          },
          i,
        ),
      ),
    )
    seen.forEach((round, i) => {
      this.#record(transcribeRound(round, this.redactor))
      const ping = pings[i]
      if (ping) this.#recordExchange(ping.exchange, ping.baseUrl)
    })
    this.note(`the ${faults.length} fault rounds ran at once, each through an instance of the appservice with its own port and mock homeserver`)
    return results
  }

  /** The look at whether it is still up; without an answer, how it ended, if it has. */
  async #stillUp(exchange: HttpExchange, atOnceIndex?: number): Promise<StillUp> {
    if (exchange.response) return { exchange }
    const exited = await this.target.homeserver.exitAfterFailedLook(atOnceIndex)
    return exited ? { exchange, exited } : { exchange }
  }

  /** Records what the target chose (shown for INFO behaviour and kept in the report). */
  note(text: string): void {
    this.#note = this.redactor.redact(text)
  }

  get noteText(): string | undefined {
    return this.#note
  }

  /** As CheckContext.dependOn: this check's failure is, if `checkId` fails too, reported as its consequence. */
  dependOn(checkId: string, reason: string): void {
    this.#dependency ??= { checkId, reason: this.redactor.redact(reason) }
  }

  get dependency(): CheckDependency | undefined {
    return this.#dependency
  }

  transcript(): TranscriptEntry[] {
    return this.#entries
  }

  entryOf(exchange: HttpExchange): number | undefined {
    const index = this.#exchanges.indexOf(exchange)
    return index < 0 ? undefined : index
  }

  #record(entry: TranscriptEntry, exchange?: HttpExchange): void {
    this.#entries.push(entry)
    this.#exchanges.push(exchange)
  }

  /** What $AS_URL stands for in the curl: --as-url, or for an in-process app the loopback port it was served on. */
  #baseUrl(exchange: HttpExchange, instanceUrl?: string): string {
    if (instanceUrl) return instanceUrl
    const { endpoint } = this.target.client
    return typeof endpoint === 'string' ? endpoint : new URL(exchange.request.url).origin
  }
}
