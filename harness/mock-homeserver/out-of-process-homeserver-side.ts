import type { AppserviceCredentials } from '../appservice-run-context.js'
import { AppserviceClient } from '../clients/appservice-client.js'
import { freePort } from '../http/free-port.js'
import { urlAddress } from '../http/url-address.js'
import { acceptsConnection } from '../http/wait-for-port.js'
import { AppserviceProcess } from '../spawned-appservice/appservice-process.js'
import { spawnEnvironment } from '../spawned-appservice/spawn-environment.js'
import { UsageError } from '../usage-error.js'
import { faultRoundsAtOnce, type FaultRoundsRan } from './fault-rounds-at-once.js'
import type { HomeserverFault, HomeserverPlan } from './homeserver-plan.js'
import type { FaultRounds, HomeserverSide } from './homeserver-side.js'
import { MockHomeserver, pingBackThrough } from './mock-homeserver.js'
import { serveMockHomeserver, type ServedMockHomeserver } from './mock-homeserver-server.js'
import { howItEnded, isNoPing, pingAttempt, type NoPing, type PingRound, type PingRoundResult, type ProcessExit } from './ping-round.js'
import { exitAfterFailedLook, runSpawnedRound } from './spawned-round.js'

export interface OutOfProcessHomeserverOptions {
  credentials: AppserviceCredentials
  /** Where the appservice under test listens. */
  asUrl: string
  /** Where the mock homeserver listens; default 127.0.0.1 on a free port. */
  listen?: { host: string; port: number }
  /** --spawn: the suite starts (and restarts) the appservice itself. */
  spawn?: { command: string; cwd?: string; registrationFile?: string }
  /** How long the appservice may take to listen and ping, after a start (or, without spawn, in all). */
  waitMs: number
  /** How long after a fault the appservice must still be up. */
  graceMs: number
  /** The appservice pings its homeserver as it starts (see NoPing.expected). */
  expectPing: boolean
}

/**
 * The homeserver side of a CLI run, in the runner's process: the mock homeserver on a loopback
 * port (the msw handlers through @mswjs/http-middleware) and, with --spawn, the appservice process.
 * The only way to make an appservice ping is to start it, so the first ping is the one it makes
 * as it starts, and each fault round restarts it with the fault armed: all rounds at once where
 * the appservice allows (fault-rounds-at-once.ts), else one after the other.
 */
export class OutOfProcessHomeserverSide implements HomeserverSide {
  readonly mock: MockHomeserver
  readonly #client: AppserviceClient
  readonly #process: AppserviceProcess | undefined
  #served: ServedMockHomeserver | undefined
  #url = ''
  #first: PingRoundResult
  /** The instances of fault rounds run at once, kept running until close(). */
  #atOnce: FaultRoundsRan[] = []

  constructor(private readonly options: OutOfProcessHomeserverOptions) {
    this.#client = new AppserviceClient(options.asUrl)
    this.mock = new MockHomeserver({ credentials: options.credentials, pingBack: pingBackThrough(this.#client, options.credentials.hsToken) })
    this.#process = options.spawn ? new AppserviceProcess(options.spawn) : undefined
    this.#first = { unavailable: 'the suite neither started the appservice (--spawn) nor waited for its ping (--wait-for-ping), so it saw no ping of its own' }
  }

  /** The mock homeserver's base URL (after listen()). */
  get url(): string {
    return this.#url
  }

  async listen(): Promise<string> {
    const { host, port } = this.#listenAt()
    this.#served = await serveMockHomeserver(this.mock, host, port)
    this.#url = this.#served.url
    return this.#url
  }

  #listenAt(): { host: string; port: number } {
    return this.options.listen ?? { host: '127.0.0.1', port: 0 }
  }

  /**
   * --spawn: starts the appservice and waits until it listens (a UsageError if it never does) and
   * for the ping it makes as it starts. Without --spawn, waits for the first ping of an appservice
   * the user starts (--wait-for-ping).
   */
  async awaitFirstPing(): Promise<void> {
    if (this.#process) {
      const { host, port } = urlAddress(this.options.asUrl)
      // Something else answering there would be graded in the appservice's place.
      if (await acceptsConnection(host, port)) {
        throw new UsageError(
          `something already listens on ${this.options.asUrl}, where the appservice started with --spawn is to listen`,
          'stop whatever listens there, or point --as-url at a free port',
        )
      }
      const { round, listening } = await this.#startRound('answer', this.#url)
      if (!listening) {
        const why = round.exited && !round.exited.stoppedBySuite ? `it ended first (${howItEnded(round.exited)})` : `not within ${this.options.waitMs / 1000} s`
        throw new UsageError(
          `the appservice started with --spawn did not listen on ${this.options.asUrl}: ${why}`,
          'make it listen on CONFORMANCE_AS_HOST:CONFORMANCE_AS_PORT (run the command by hand to see its output), or give it longer with --wait-for-ping',
        )
      }
      // It ended without pinging: there is no appservice left to grade (one that pings and is then refused may end: the checks grade that).
      if (round.exited && !pingAttempt(round)) {
        throw new UsageError(
          `the appservice started with --spawn ended (${howItEnded(round.exited)}) before it pinged the homeserver at ${this.#url}`,
          'run the command by hand to see why it stops (e.g. its port was taken), and keep it running',
        )
      }
      this.#first =
        this.#unrecognisable() ??
        this.#noPingIfSilent(round, `the appservice did not ping the homeserver at ${this.#url} within ${this.options.waitMs / 1000} s of starting`)
      return
    }
    const unrecognisable = this.#unrecognisable()
    if (unrecognisable || this.options.waitMs <= 0) {
      if (unrecognisable) this.#first = unrecognisable
      return
    }
    this.mock.beginRound('answer')
    await this.mock.waitForPing(this.options.waitMs)
    this.#first = this.#noPingIfSilent(this.mock.endRound(), `no ping reached the mock homeserver at ${this.#url} within ${this.options.waitMs / 1000} s`)
  }

  /** Without its as_token and id, the mock homeserver cannot tell the appservice's ping from anyone's. */
  #unrecognisable(): NoPing | undefined {
    const { asToken, asId } = this.options.credentials
    return asToken && asId
      ? undefined
      : {
          unavailable:
            "the appservice's as_token and id were not given (--as-token and --as-id, or --registration), so the mock homeserver cannot recognise its ping",
        }
  }

  /** A round without a ping attempt says why, naming what the appservice did call, if anything. */
  #noPingIfSilent(round: PingRound, reason: string): PingRoundResult {
    if (pingAttempt(round)) return round
    const called = round.requests.map((r) => `${r.method} ${r.rawPath}`)
    return {
      unavailable: called.length ? `${reason} (it called ${called.slice(0, 3).join(', ')} but nothing ending in /ping)` : reason,
      expected: this.options.expectPing,
    }
  }

  async firstPing(): Promise<PingRoundResult> {
    return this.#first
  }

  async pingUnder(fault: HomeserverFault): Promise<PingRoundResult> {
    if (!this.#process) return { unavailable: 'the suite can make the appservice ping again only by restarting it: pass --spawn' }
    if (isNoPing(this.#first)) return this.#first
    const homeserverUrl = fault === 'unreachable' ? `http://127.0.0.1:${await freePort()}` : this.#url
    const { round } = await this.#startRound(fault, homeserverUrl)
    return this.#faultRoundResult(fault, round)
  }

  async pingUnderEach(faults: readonly HomeserverFault[]): Promise<FaultRounds> {
    // Without a spawned appservice that pinged, pingUnder says why there are no rounds.
    if (!this.#process || isNoPing(this.#first)) return { oneAtATime: true }
    // Its port is freed, so that an instance listening there instead of at its own shows.
    await this.#process.stop()
    const outcome = await faultRoundsAtOnce({
      faults,
      asUrl: this.options.asUrl,
      credentials: this.options.credentials,
      spawn: this.options.spawn!,
      timing: this.options,
      mockHost: this.#listenAt().host,
      runMock: { mock: this.mock, url: this.#url },
      environment: (homeserverUrl, asUrl) => this.#environment(homeserverUrl, asUrl),
      result: (fault, round) => this.#faultRoundResult(fault, round),
    })
    if ('oneAtATime' in outcome) return { oneAtATime: true, because: outcome.oneAtATime }
    this.#atOnce.push(outcome)
    return { atOnce: outcome.rounds }
  }

  async exitAfterFailedLook(atOnceIndex?: number): Promise<ProcessExit | undefined> {
    if (atOnceIndex !== undefined) return this.#atOnce.at(-1)?.exitAfterFailedLook(atOnceIndex)
    return this.#process && exitAfterFailedLook(this.#process)
  }

  /** A restarted appservice that neither pinged nor ended gives no round to grade (unreachable: no ping is to be seen). */
  #faultRoundResult(fault: HomeserverFault, round: PingRound): PingRoundResult {
    if (fault !== 'unreachable' && !pingAttempt(round) && !round.exited) {
      return { unavailable: `the restarted appservice did not ping the homeserver within ${this.options.waitMs / 1000} s` }
    }
    return round
  }

  #environment(homeserverUrl: string, appserviceUrl: string): Record<string, string> {
    return spawnEnvironment({
      homeserverUrl,
      appserviceUrl,
      credentials: this.options.credentials,
      ...(this.options.spawn?.registrationFile ? { registrationFile: this.options.spawn.registrationFile } : {}),
    })
  }

  /** Restarts the appservice at --as-url with the plan armed at the run's mock (spawned-round.ts). */
  #startRound(plan: HomeserverPlan, homeserverUrl: string): Promise<{ round: PingRound; listening: boolean }> {
    return runSpawnedRound(
      { process: this.#process!, mock: this.mock, asUrl: this.options.asUrl },
      plan,
      this.#environment(homeserverUrl, this.options.asUrl),
      this.options,
    )
  }

  async close(): Promise<void> {
    await Promise.all(this.#atOnce.map((rounds) => rounds.close()))
    await this.#process?.stop()
    await this.#client.close()
    await this.#served?.close()
  }
}
