import { pingEndpointTable } from './ping-endpoint-table.js'
import type { OperationId } from './spec-files.js'

/** One ping operation's method and full path (the spec's `basePath` included), e.g. POST /_matrix/app/v1/ping. */
export interface PingEndpoint {
  method: string
  path: string
}

/**
 * The two ping endpoints as specs/ defines them: the one source for their paths and methods. From
 * the table `npm run specs:endpoints` writes from the spec files (a test keeps it in sync), so any
 * module may ask at import time, the CLI's --help among them, without parsing YAML.
 */
export const pingEndpoints: Readonly<Record<OperationId, PingEndpoint>> = pingEndpointTable

/** `POST /_matrix/client/v1/appservice/{appserviceId}/ping`, for messages. */
export function describeEndpoint(id: OperationId): string {
  return `${pingEndpoints[id].method} ${pingEndpoints[id].path}`
}

/** The client ping path for one appservice id, as one percent-encoded path segment. */
export function clientPingPath(appserviceId: string): string {
  return pingEndpoints.pingAppservice.path.replace('{appserviceId}', encodeURIComponent(appserviceId))
}
