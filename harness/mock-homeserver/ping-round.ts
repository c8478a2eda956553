import type { HttpExchange } from '../clients/http-exchange.js'
import type { HomeserverPlan } from './homeserver-plan.js'

/** One request the appservice sent to the mock homeserver, as the mock saw it. */
export interface MockRecordedRequest {
  method: string
  /** The path as sent, percent-encoding intact, without the query. */
  rawPath: string
  query: Record<string, string[]>
  headers: Record<string, string>
  bodyText: string
  /** epochNow() when the body had arrived. */
  receivedAt: number
  /** What the mock answered; absent when it answered with a network error. */
  answer?: { status: number; bodyText: string }
}

/** Everything the mock homeserver saw while waiting for one ping of the appservice. */
export interface PingRound {
  plan: HomeserverPlan
  /** Every request of the round, in arrival order (feature detection such as /versions included). */
  requests: MockRecordedRequest[]
  /** The mock's ping back to the appservice for its (valid) ping, when it made one. */
  pingBack?: HttpExchange
  /** Where the instance that went through the round listens, when not at --as-url (fault rounds at once). */
  appserviceUrl?: string
  /** The spawned appservice process ended during the round. */
  exited?: ProcessExit
}

export interface ProcessExit {
  code: number | null
  signal: string | null
  /** The end of what the process printed (unredacted: the worker redacts it). */
  outputTail: string
  /** The suite ended it, and why ("never listened on …"): an end the appservice is not to be blamed for. */
  stoppedBySuite?: string
}

/** Why the suite could not see a ping of the appservice; client-part checks skip with it. */
export interface NoPing {
  unavailable: string
  /**
   * The run was told the appservice pings as it starts (--expect-ping, --wait-for-ping, the library's
   * `ping`), waited for it, and none came: AS-CLIENT-PINGS warns. Otherwise it skips, since the spec
   * lets an appservice choose whether to ping ("Appservices may use this mechanism").
   */
  expected?: boolean
}

/** "exit code 16" / "signal SIGKILL". */
export function howItEnded(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`
}

export type PingRoundResult = PingRound | NoPing

export function isNoPing(result: PingRoundResult): result is NoPing {
  return 'unavailable' in result
}

/** A request that tries to be the client ping: whatever its exact path, it ends in /ping. */
export function isPingAttempt(request: Pick<MockRecordedRequest, 'rawPath'>): boolean {
  return request.rawPath.endsWith('/ping')
}

/** The appservice's first ping attempt of a round. */
export function pingAttempt(round: PingRound): MockRecordedRequest | undefined {
  return round.requests.find(isPingAttempt)
}
