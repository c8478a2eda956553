import { callJsonControl } from '../http/json-control-client.js'
import type { HomeserverFault } from './homeserver-plan.js'
import type { FaultRounds, HomeserverSide } from './homeserver-side.js'
import type { PingRoundResult, ProcessExit } from './ping-round.js'

/** The check side of a CLI run's homeserver side, which lives in the runner's process (mock-control-routes.ts). */
export class MockControlClient implements HomeserverSide {
  constructor(private readonly controlUrl: string) {}

  async firstPing(): Promise<PingRoundResult> {
    return (await callJsonControl(this.controlUrl, 'GET', '/first-ping')) as PingRoundResult
  }

  async pingUnder(fault: HomeserverFault): Promise<PingRoundResult> {
    return (await callJsonControl(this.controlUrl, 'POST', '/fault-rounds', { fault })) as PingRoundResult
  }

  async pingUnderEach(faults: readonly HomeserverFault[]): Promise<FaultRounds> {
    return (await callJsonControl(this.controlUrl, 'POST', '/fault-rounds/at-once', { faults })) as FaultRounds
  }

  async exitAfterFailedLook(atOnceIndex?: number): Promise<ProcessExit | undefined> {
    const query = atOnceIndex === undefined ? '' : `?index=${atOnceIndex}`
    // The control API sends "none" as null.
    return ((await callJsonControl(this.controlUrl, 'GET', `/fault-rounds/exit${query}`)) as ProcessExit | null) ?? undefined
  }
}
