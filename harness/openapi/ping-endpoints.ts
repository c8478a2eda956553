import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { defaultSpecsDir, specFiles, type OperationId } from './spec-files.js'

/** One ping operation's method and full path (the spec's `basePath` included), e.g. POST /_matrix/app/v1/ping. */
export interface PingEndpoint {
  method: string
  path: string
}

/**
 * The two ping endpoints as specs/ defines them: the one source for their paths and methods. Read
 * with a plain YAML parse, not the validating loader, so any module may ask at import time cheaply.
 */
export const pingEndpoints: Readonly<Record<OperationId, PingEndpoint>> = {
  pingAppservice: endpointOf('pingAppservice'),
  ping: endpointOf('ping'),
}

/** `POST /_matrix/client/v1/appservice/{appserviceId}/ping`, for messages. */
export function describeEndpoint(id: OperationId): string {
  return `${pingEndpoints[id].method} ${pingEndpoints[id].path}`
}

/** The client ping path for one appservice id, as one percent-encoded path segment. */
export function clientPingPath(appserviceId: string): string {
  return pingEndpoints.pingAppservice.path.replace('{appserviceId}', encodeURIComponent(appserviceId))
}

function endpointOf(id: OperationId): PingEndpoint {
  const api = parse(readFileSync(join(defaultSpecsDir, specFiles[id]), 'utf8')) as {
    basePath?: string
    paths?: Record<string, Record<string, { operationId?: string }>>
  }
  for (const [path, operations] of Object.entries(api.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.operationId === id) return { method: method.toUpperCase(), path: `${api.basePath ?? ''}${path}` }
    }
  }
  throw new Error(`[harness] specs/${specFiles[id]} defines no operation ${id}`)
}
