import type { HomeserverFault } from './homeserver-plan.js'
import type { PingRoundResult, ProcessExit } from './ping-round.js'

/**
 * What an appservice check can ask of the homeserver side, wherever the mock homeserver lives:
 * in the check's own process (library use) or in the CLI runner's process (reached over its
 * control API). Both resolve to what the mock saw, or to why the appservice could not be made to ping.
 */
export interface HomeserverSide {
  /** The appservice's first own ping, answered normally (pinged back, then reported). Asked once; later calls return the same round. */
  firstPing(): Promise<PingRoundResult>
  /**
   * Makes the appservice ping again while the homeserver injects `fault`, and waits the grace
   * period after it, so a check can then see whether the appservice is still up.
   */
  pingUnder(fault: HomeserverFault): Promise<PingRoundResult>
  /**
   * Every fault's round at once, each through an appservice instance of its own (listening at the
   * round's appserviceUrl, kept running until the side closes); or, when the rounds must run one
   * at a time, why (`because`; none when this side never runs them at once), and the caller calls
   * pingUnder for each in turn.
   */
  pingUnderEach(faults: readonly HomeserverFault[]): Promise<FaultRounds>
  /**
   * After the appservice that went through a fault round failed to answer: how its process ended,
   * waiting a moment for one that is ending. `atOnceIndex`: the round's instance of the last
   * pingUnderEach; without it, the appservice of the last pingUnder. Undefined while it runs on,
   * or when the suite did not start it.
   */
  exitAfterFailedLook(atOnceIndex?: number): Promise<ProcessExit | undefined>
}

export type FaultRounds = { atOnce: PingRoundResult[] } | { oneAtATime: true; because?: string }
