import type { ControlRoute } from '../http/json-control-server.js'
import type { HomeserverFault } from './homeserver-plan.js'
import type { HomeserverSide } from './homeserver-side.js'

/** The control API over a homeserver side that lives in the runner's process. */
export function mockControlRoutes(side: HomeserverSide): ControlRoute {
  return async (method, url, body) => {
    if (method === 'GET' && url.pathname === '/first-ping') return side.firstPing()
    if (method === 'POST' && url.pathname === '/fault-rounds') return side.pingUnder((body as { fault: HomeserverFault }).fault)
    if (method === 'POST' && url.pathname === '/fault-rounds/at-once') return side.pingUnderEach((body as { faults: HomeserverFault[] }).faults)
    if (method === 'GET' && url.pathname === '/fault-rounds/exit') {
      const index = url.searchParams.get('index')
      return side.exitAfterFailedLook(index === null ? undefined : Number(index))
    }
    throw new Error(`unknown control route ${method} ${url.pathname}`)
  }
}
