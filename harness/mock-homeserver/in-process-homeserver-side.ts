import { setupServer, type SetupServer } from 'msw/node'
import type { AppserviceCredentials } from '../appservice-run-context.js'
import type { AppserviceClient } from '../clients/appservice-client.js'
import type { HomeserverPlan, HomeserverFault } from './homeserver-plan.js'
import type { FaultRounds, HomeserverSide } from './homeserver-side.js'
import { MockHomeserver, pingBackThrough } from './mock-homeserver.js'
import { createMockHomeserverHandlers } from './mock-homeserver-handlers.js'
import { mswAlreadyListening, type MswServer } from './msw-server.js'
import { pingAttempt, type PingRoundResult, type ProcessExit } from './ping-round.js'
import { HarnessError } from '../usage-error.js'

/** The homeserver URL an in-process appservice is given by default; `.invalid` never resolves, so nothing leaves the machine. */
export const defaultMockHomeserverUrl = 'http://homeserver.as-ping-conformance.invalid'

export interface InProcessHomeserverOptions {
  credentials: AppserviceCredentials
  /** The appservice under test, for the homeserver's ping back. */
  client: AppserviceClient
  /** The homeserver URL the appservice was configured with; msw intercepts requests to it. */
  homeserverUrl: string
  /** Makes the appservice call the homeserver's ping endpoint; absent: the client part is skipped. */
  ping?: () => Promise<unknown>
  /** The test file's own msw server, if it has one: the mock homeserver's handlers join it instead of a server of their own. */
  msw?: MswServer
  waitMs: number
  graceMs: number
}

/**
 * The homeserver side when the appservice runs in the check's own process (library use): the
 * mock homeserver's msw handlers intercept the appservice's outgoing requests (`setupServer`), and
 * the user's `ping()` makes it ping. A fault round is one more `ping()` with the fault armed.
 */
export class InProcessHomeserverSide implements HomeserverSide {
  readonly mock: MockHomeserver
  readonly #handlers: ReturnType<typeof createMockHomeserverHandlers>
  #server: SetupServer | undefined
  #first: Promise<PingRoundResult> | undefined
  /** Rounds share one mock: they run one at a time. */
  #queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: InProcessHomeserverOptions) {
    this.mock = new MockHomeserver({ credentials: options.credentials, pingBack: pingBackThrough(options.client, options.credentials.hsToken) })
    this.#handlers = createMockHomeserverHandlers(this.mock, options.homeserverUrl)
  }

  /** Starts intercepting; every other request of the process passes through untouched (or, joined, as the user's server decides). */
  listen(): void {
    if (this.options.msw) return this.#join(this.options.msw)
    if (mswAlreadyListening()) {
      throw new HarnessError(
        'an msw server is already listening in this test file, and two cannot share a process: pass it to appserviceConformance as `msw: server`, so the mock homeserver joins it',
      )
    }
    this.#server = setupServer(...this.#handlers)
    this.#server.listen({ onUnhandledRequest: 'bypass' })
  }

  close(): void {
    this.#server?.close()
  }

  /** Prepended to the user's handlers; again before each round, since their `resetHandlers()` (afterEach, usually) drops them. */
  #join(server: MswServer): void {
    server.use(...(this.#handlers as never[]))
  }

  firstPing(): Promise<PingRoundResult> {
    this.#first ??= this.#round('answer')
    return this.#first
  }

  pingUnder(fault: HomeserverFault): Promise<PingRoundResult> {
    return this.#round(fault)
  }

  /**
   * Always one at a time here: the appservice shares this process, and its one `ping()` and the
   * one msw interception cannot be split into instances with a mock homeserver each.
   */
  pingUnderEach(): Promise<FaultRounds> {
    return Promise.resolve({ oneAtATime: true })
  }

  /** The appservice shares this process: an exit it tried is in its round already. */
  exitAfterFailedLook(): Promise<ProcessExit | undefined> {
    return Promise.resolve(undefined)
  }

  #round(plan: HomeserverPlan): Promise<PingRoundResult> {
    const run = this.#queue.then(() => this.#runRound(plan))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #runRound(plan: HomeserverPlan): Promise<PingRoundResult> {
    const { ping, waitMs, graceMs, homeserverUrl } = this.options
    if (!ping) return { unavailable: 'no `ping` function was given, so the suite cannot make the appservice ping its homeserver' }
    const { asToken, asId } = this.options.credentials
    if (!asToken || !asId) return { unavailable: "the appservice's as_token and id were not given, so the mock homeserver cannot recognise its ping" }
    if (this.options.msw) this.#join(this.options.msw)
    this.mock.beginRound(plan)
    // ping() may resolve or reject as the appservice likes; only what reached the homeserver is graded.
    const settled = ping().then(
      () => undefined,
      (error: unknown) => error,
    )
    await this.mock.waitForPing(waitMs)
    let timer: NodeJS.Timeout | undefined
    const failure = await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, waitMs, undefined)))])
    clearTimeout(timer)
    if (plan !== 'answer') await new Promise((resolve) => setTimeout(resolve, graceMs))
    const round = this.mock.endRound()
    const exit = exitCode(failure)
    if (exit !== undefined) round.exited = { code: exit, signal: null, outputTail: 'process.exit() was called' }
    if (!pingAttempt(round) && !round.exited) {
      const why = failure instanceof Error ? `; ping() failed: ${failure.message}` : ''
      return { unavailable: `\`ping()\` sent nothing ending in /ping to the homeserver at ${homeserverUrl} within ${waitMs} ms${why}`, expected: true }
    }
    return round
  }
}

/** vitest turns process.exit(n) in a test into an error: an appservice that tried to exit. */
function exitCode(error: unknown): number | undefined {
  const match = error instanceof Error ? /process\.exit unexpectedly called with "(\d+)"/.exec(error.message) : null
  return match ? Number(match[1]) : undefined
}
