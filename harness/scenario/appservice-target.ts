import { AppserviceClient } from '../clients/appservice-client.js'
import type { AppserviceCredentials, AppserviceRunContext } from '../appservice-run-context.js'
import type { HomeserverSide } from '../mock-homeserver/homeserver-side.js'
import { MockControlClient } from '../mock-homeserver/mock-control-client.js'

/** The appservice under test as a check sees it, whether run by the CLI or in the user's own vitest. */
export interface AppserviceTarget {
  /** Prefix of every transaction_id the run sends, so runs never mix. */
  runId: string
  credentials: AppserviceCredentials
  /** Its POST /_matrix/app/v1/ping, reached through supertest. */
  client: AppserviceClient
  /** The mock homeserver it pings. */
  homeserver: HomeserverSide
  /** How long one fault round may take: sizes the survival check's timeout. */
  faultRoundMs: number
}

/** A CLI run's target, rebuilt in a vitest worker from the runner's provided context. */
export function targetFromRunContext(run: AppserviceRunContext): AppserviceTarget {
  return {
    runId: run.runId,
    credentials: { hsToken: run.hsToken, ...(run.asToken ? { asToken: run.asToken } : {}), ...(run.asId ? { asId: run.asId } : {}) },
    client: new AppserviceClient(run.asUrl),
    homeserver: new MockControlClient(run.mockControlUrl),
    faultRoundMs: run.faultRoundMs,
  }
}
