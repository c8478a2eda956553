import type { AppserviceCredentials } from '../appservice-run-context.js'
import { AppserviceClient } from '../clients/appservice-client.js'
import { freePort } from '../http/free-port.js'
import { urlAddress } from '../http/url-address.js'
import { waitForPort } from '../http/wait-for-port.js'
import { AppserviceProcess, type AppserviceProcessOptions } from '../spawned-appservice/appservice-process.js'
import type { HomeserverFault } from './homeserver-plan.js'
import { MockHomeserver, pingBackThrough } from './mock-homeserver.js'
import { serveMockHomeserver, type ServedMockHomeserver } from './mock-homeserver-server.js'
import type { PingRound, PingRoundResult, ProcessExit } from './ping-round.js'
import { exitAfterFailedLook, runSpawnedRound, type SpawnedInstance, type SpawnedRoundTiming } from './spawned-round.js'

export interface FaultRoundsAtOnceOptions {
  faults: readonly HomeserverFault[]
  /** --as-url: where the run's own instance listened (stopped by now, so its port is free). */
  asUrl: string
  credentials: AppserviceCredentials
  spawn: AppserviceProcessOptions
  timing: SpawnedRoundTiming
  /** The host the instances' mock homeservers listen on (the run's mock's). */
  mockHost: string
  /** The run's own mock homeserver: a ping there came from an instance that ignored CONFORMANCE_HS_URL. */
  runMock: { mock: MockHomeserver; url: string }
  /** The spawn environment for an instance told to listen at asUrl and ping homeserverUrl. */
  environment(homeserverUrl: string, asUrl: string): Record<string, string>
  /** What the fault's round comes to, as in a round run alone (a silent instance is a NoPing). */
  result(fault: HomeserverFault, round: PingRound): PingRoundResult
}

/**
 * The rounds, each instance still running (for the check's look at whether it is still up) until
 * close(); or why they must run one at a time, every instance already stopped.
 */
export type FaultRoundsAtOnceOutcome = FaultRoundsRan | { oneAtATime: string }

/** The rounds that ran at once; their instances run on for the check's look until close(). */
export interface FaultRoundsRan {
  rounds: PingRoundResult[]
  /** How round `index`'s instance ended, after a look it did not answer (spawned-round.ts). */
  exitAfterFailedLook(index: number): Promise<ProcessExit | undefined>
  close(): Promise<void>
}

interface Instance extends SpawnedInstance {
  homeserverUrl: string
  client: AppserviceClient
  served: ServedMockHomeserver | undefined
}

/** setTimeout's longest delay: the run mock is watched until the rounds end, not for a set time. */
const untilTheRoundsEnd = 2 ** 31 - 1

/**
 * Every fault round at the same time, each with an instance of the spawned appservice of its own:
 * its own port (CONFORMANCE_AS_PORT) and its own mock homeserver (CONFORMANCE_HS_URL), so each
 * round is the round it would be alone. An appservice that ignores what it is given cannot be run
 * so, and the attempt is given up (docs/appservice-run.md, "Fault rounds at once"): when anything
 * accepts connections at --as-url during the rounds (an instance listening there, not at its own
 * port), or a ping reaches the run's own mock homeserver (an instance pinging there, not its own).
 */
export async function faultRoundsAtOnce(options: FaultRoundsAtOnceOptions): Promise<FaultRoundsAtOnceOutcome> {
  const instances = await prepareInstances(options)
  let givenUpBecause: string | undefined
  const giveUp = (why: string) => {
    givenUpBecause ??= why
    for (const instance of instances) void instance.process.stop()
  }
  const rounds = Promise.all(
    instances.map((instance, i) => runSpawnedRound(instance, options.faults[i]!, options.environment(instance.homeserverUrl, instance.asUrl), options.timing)),
  )
  const roundsEnded = rounds.then(
    () => undefined,
    () => undefined,
  )
  let ended = false
  void roundsEnded.then(() => (ended = true))
  const { host, port } = urlAddress(options.asUrl)
  const { mock: runMock, url: runMockUrl } = options.runMock
  // Armed with a fault, it answers a ping the moment one arrives, and pings no one back.
  runMock.beginRound('bad-status')
  const watchers = [
    waitForPort(host, port, Number.POSITIVE_INFINITY, () => ended).then(
      (listened) =>
        listened && giveUp(`something listened at ${options.asUrl} (--as-url) instead of at the port each instance was given (CONFORMANCE_AS_PORT)`),
    ),
    runMock
      .waitForPing(untilTheRoundsEnd, roundsEnded)
      .then((pinged) => pinged && giveUp(`a ping reached the run's mock homeserver at ${runMockUrl} instead of the instance's own (CONFORMANCE_HS_URL)`)),
  ]
  const close = () => Promise.all(instances.map(closeInstance)).then(() => undefined)
  try {
    const done = await rounds
    await Promise.all(watchers)
    if (givenUpBecause) {
      await close()
      return { oneAtATime: givenUpBecause }
    }
    return {
      rounds: done.map(({ round }, i) => options.result(options.faults[i]!, { ...round, appserviceUrl: instances[i]!.asUrl })),
      exitAfterFailedLook: (index) => exitAfterFailedLook(instances[index]!.process),
      close,
    }
  } catch (error) {
    await close()
    throw error
  } finally {
    runMock.endRound()
  }
}

/** One instance per fault, on ports distinct from each other's and from --as-url's; no mock for "unreachable", only a closed port. */
async function prepareInstances(options: FaultRoundsAtOnceOptions): Promise<Instance[]> {
  const { host, port: asPort } = urlAddress(options.asUrl)
  const taken = new Set([asPort])
  const instances: Instance[] = []
  for (const fault of options.faults) {
    const port = await distinctFreePort(host, taken)
    const asUrl = atPort(options.asUrl, port)
    const client = new AppserviceClient(asUrl)
    const mock = new MockHomeserver({ credentials: options.credentials, pingBack: pingBackThrough(client, options.credentials.hsToken) })
    const served = fault === 'unreachable' ? undefined : await serveMockHomeserver(mock, options.mockHost, 0)
    const homeserverUrl = served?.url ?? `http://127.0.0.1:${await distinctFreePort('127.0.0.1', taken)}`
    instances.push({ process: new AppserviceProcess(options.spawn), mock, asUrl, homeserverUrl, client, served })
  }
  return instances
}

/** Two instances given the same port would fight over it, and one would seem not to listen. */
async function distinctFreePort(host: string, taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort(host)
    if (!taken.has(port)) {
      taken.add(port)
      return port
    }
  }
}

/** The URL with another port, its path (if any) kept. */
function atPort(url: string, port: number): string {
  const moved = new URL(url)
  moved.port = String(port)
  return new URL(url).pathname === '/' && !url.endsWith('/') ? moved.href.replace(/\/$/, '') : moved.href
}

async function closeInstance(instance: Instance): Promise<void> {
  await instance.process.stop()
  await instance.client.close()
  await instance.served?.close()
}
