/**
 * as-ping-conformance as a library: run the appservice ping checks inside your own vitest suite,
 * against your appservice in process. The CLI (`as-ping-conformance`) is the other way in.
 *
 * @example
 * import { appserviceConformance, defaultMockHomeserverUrl } from 'as-ping-conformance'
 * appserviceConformance({ app, hsToken, asToken, asId, ping: () => bridge.pingHomeserver() })
 */
export {
  appserviceConformance,
  AppserviceConformanceFailure,
  defaultMockHomeserverUrl,
  type AppserviceConformanceOptions,
} from './library/appservice-conformance.js'
export type { MswServer } from './harness/mock-homeserver/msw-server.js'
export { parseExpectations, type ExpectationEntry, type Expectations } from './runner/expectations.js'
export { spawnVariables } from './harness/spawned-appservice/spawn-environment.js'
