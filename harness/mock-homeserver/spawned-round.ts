import { urlAddress } from '../http/url-address.js'
import { acceptsConnection, waitForPort } from '../http/wait-for-port.js'
import type { AppserviceProcess } from '../spawned-appservice/appservice-process.js'
import type { HomeserverPlan } from './homeserver-plan.js'
import type { MockHomeserver } from './mock-homeserver.js'
import type { PingRound, ProcessExit } from './ping-round.js'

/** How long an appservice whose port has closed gets to finish exiting. */
const exitSettleMs = 2_000
/** How long a ping an appservice sent just before it ended may take to arrive and be answered. */
const endedPingSettleMs = 500

/** One spawned appservice and the mock homeserver it is told to ping. */
export interface SpawnedInstance {
  process: AppserviceProcess
  mock: MockHomeserver
  /** Where this instance is told to listen (CONFORMANCE_AS_URL). */
  asUrl: string
}

export interface SpawnedRoundTiming {
  /** How long the appservice may take to listen and ping after its start. */
  waitMs: number
  /** How long after a fault it must still be up. */
  graceMs: number
}

/**
 * (Re)starts the instance with the plan armed at its mock, waits until it listens at its asUrl and
 * for its ping (or, unreachable, only its start), then the grace period. `env` is what it is started
 * with. The round says how the process ended, if it did; one that never listened is stopped, and
 * the round says the suite stopped it.
 */
export async function runSpawnedRound(
  instance: SpawnedInstance,
  plan: HomeserverPlan,
  env: Record<string, string>,
  timing: SpawnedRoundTiming,
): Promise<{ round: PingRound; listening: boolean }> {
  const { process, mock } = instance
  await process.stop()
  mock.beginRound(plan)
  process.start(env)
  const deadlineAt = Date.now() + timing.waitMs
  const { host, port } = urlAddress(instance.asUrl)
  const listening = await waitForPort(host, port, deadlineAt, () => !process.running)
  if (listening && plan !== 'unreachable') {
    // A process that has ended pings no more; a ping it sent just before is still let in.
    const ended = process.exited.then(() => new Promise((resolve) => setTimeout(resolve, endedPingSettleMs)))
    await mock.waitForPing(Math.max(0, deadlineAt - Date.now()), ended)
  }
  if (listening && plan !== 'answer') {
    await new Promise((resolve) => setTimeout(resolve, timing.graceMs))
    // Its port closed: it is going away; let its exit (and exit code) be seen rather than guessed.
    if (process.running && !(await acceptsConnection(host, port))) await process.waitForExit(exitSettleMs)
  }
  // It never listened: the suite ends it, and the round says so (its SIGTERM is no crash of the appservice's).
  const stoppedBySuite = !listening && process.running
  if (stoppedBySuite) await process.stop()
  const round = mock.endRound()
  if (process.exit)
    round.exited = stoppedBySuite
      ? { ...process.exit, stoppedBySuite: `never listened on ${host}:${port} within ${timing.waitMs / 1000} s of its start` }
      : process.exit
  return { round, listening }
}

/**
 * How an instance that has just failed to answer ended, waiting up to exitSettleMs for one that is
 * still ending: on a loaded machine its exit can come after the round's grace period, between the
 * round and the look. Undefined while it runs on.
 */
export async function exitAfterFailedLook(process: AppserviceProcess): Promise<ProcessExit | undefined> {
  if (process.running) await process.waitForExit(exitSettleMs)
  return process.exit
}
