import { createServer } from '@mswjs/http-middleware'
import type { Server } from 'node:http'
import type { AppserviceCredentials } from '../appservice-run-context.js'
import { AppserviceClient } from '../clients/appservice-client.js'
import { freePort } from '../http/free-port.js'
import { urlAddress } from '../http/url-address.js'
import { acceptsConnection, waitForPort } from '../http/wait-for-port.js'
import { AppserviceProcess } from '../spawned-appservice/appservice-process.js'
import { spawnEnvironment } from '../spawned-appservice/spawn-environment.js'
import { UsageError } from '../usage-error.js'
import type { HomeserverFault, HomeserverPlan } from './homeserver-plan.js'
import type { HomeserverSide } from './homeserver-side.js'
import { MockHomeserver } from './mock-homeserver.js'
import { createMockHomeserverHandlers } from './mock-homeserver-handlers.js'
import { howItEnded, isNoPing, pingAttempt, type NoPing, type PingRound, type PingRoundResult } from './ping-round.js'
import { systemError } from '../system-error.js'

/** How long an appservice whose port has closed gets to finish exiting. */
const exitSettleMs = 2_000
/** How long a ping an appservice sent just before it ended may take to arrive and be answered. */
const endedPingSettleMs = 500

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
 * as it starts, and each fault round restarts it with the fault armed.
 */
export class OutOfProcessHomeserverSide implements HomeserverSide {
  readonly mock: MockHomeserver
  readonly #client: AppserviceClient
  readonly #process: AppserviceProcess | undefined
  #server: Server | undefined
  #url = ''
  #first: PingRoundResult

  constructor(private readonly options: OutOfProcessHomeserverOptions) {
    this.#client = new AppserviceClient(options.asUrl)
    const { hsToken } = options.credentials
    this.mock = new MockHomeserver({
      credentials: options.credentials,
      pingBack: (transactionId) => this.#client.ping({ token: hsToken, body: transactionId === undefined ? {} : { transaction_id: transactionId } }),
    })
    this.#process = options.spawn ? new AppserviceProcess(options.spawn) : undefined
    this.#first = { unavailable: 'the suite neither started the appservice (--spawn) nor waited for its ping (--wait-for-ping), so it saw no ping of its own' }
  }

  /** The mock homeserver's base URL (after listen()). */
  get url(): string {
    return this.#url
  }

  async listen(): Promise<string> {
    const { host, port } = this.options.listen ?? { host: '127.0.0.1', port: 0 }
    // http-middleware's types are CommonJS and see msw's CommonJS typings; ours are msw's ESM ones,
    // the same classes declared twice, so TypeScript under NodeNext holds them apart.
    const handlers = createMockHomeserverHandlers(this.mock, '*') as unknown as Parameters<typeof createServer>
    const server = createServer(...handlers).listen(port, host)
    await new Promise<void>((resolve, reject) =>
      server
        .once('listening', resolve)
        .once('error', (error: Error) =>
          reject(new UsageError(`the mock homeserver cannot listen on ${host}:${port}: ${systemError(error).brief}`, 'pass --hs-listen with a free HOST:PORT')),
        ),
    )
    this.#server = server
    const address = server.address() as { port: number }
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
    return this.#url
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
    if (fault !== 'unreachable' && !pingAttempt(round) && !round.exited) {
      return { unavailable: `the restarted appservice did not ping the homeserver within ${this.options.waitMs / 1000} s` }
    }
    return round
  }

  /** Restarts the appservice with the plan armed, waits for its ping (or, unreachable, its start), then the grace period. */
  async #startRound(plan: HomeserverPlan, homeserverUrl: string): Promise<{ round: PingRound; listening: boolean }> {
    const process = this.#process!
    await process.stop()
    this.mock.beginRound(plan)
    process.start(
      spawnEnvironment({
        homeserverUrl,
        appserviceUrl: this.options.asUrl,
        credentials: this.options.credentials,
        ...(this.options.spawn?.registrationFile ? { registrationFile: this.options.spawn.registrationFile } : {}),
      }),
    )
    const deadlineAt = Date.now() + this.options.waitMs
    const { host, port } = urlAddress(this.options.asUrl)
    const listening = await waitForPort(host, port, deadlineAt, () => !process.running)
    if (listening && plan !== 'unreachable') {
      // A process that has ended pings no more; a ping it sent just before is still let in.
      const ended = process.exited.then(() => new Promise((resolve) => setTimeout(resolve, endedPingSettleMs)))
      await this.mock.waitForPing(Math.max(0, deadlineAt - Date.now()), ended)
    }
    if (listening && plan !== 'answer') {
      await new Promise((resolve) => setTimeout(resolve, this.options.graceMs))
      // Its port closed: it is going away; let its exit (and exit code) be seen rather than guessed.
      if (process.running && !(await acceptsConnection(host, port))) await process.waitForExit(exitSettleMs)
    }
    // It never listened: the suite ends it, and the round says so (its SIGTERM is no crash of the appservice's).
    const stoppedBySuite = !listening && process.running
    if (stoppedBySuite) await process.stop()
    const round = this.mock.endRound()
    if (process.exit)
      round.exited = stoppedBySuite
        ? { ...process.exit, stoppedBySuite: `never listened on ${host}:${port} within ${this.options.waitMs / 1000} s of its start` }
        : process.exit
    return { round, listening }
  }

  async close(): Promise<void> {
    await this.#process?.stop()
    await this.#client.close()
    const server = this.#server
    if (server) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
