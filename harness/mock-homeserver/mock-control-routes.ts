import type { ControlRoute } from '../http/json-control-server'
import type { HomeserverFault } from './homeserver-plan'
import type { HomeserverSide } from './homeserver-side'

/** The control API over a homeserver side that lives in the runner's process. */
export function mockControlRoutes(side: HomeserverSide): ControlRoute {
  return async (method, url, body) => {
    if (method === 'GET' && url.pathname === '/first-ping') return side.firstPing()
    if (method === 'POST' && url.pathname === '/fault-rounds') return side.pingUnder((body as { fault: HomeserverFault }).fault)
    throw new Error(`unknown control route ${method} ${url.pathname}`)
  }
}
