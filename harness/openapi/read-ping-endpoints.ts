import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { PingEndpoint } from './ping-endpoints.js'
import { defaultSpecsDir, specFiles, type OperationId } from './spec-files.js'

/**
 * The two ping endpoints as the spec files define them, read with a plain YAML parse (not the
 * validating loader). Only `npm run specs:endpoints` and the test that keeps its table in sync
 * call it: the code at run time reads the generated table (ping-endpoint-table.ts) instead.
 */
export function readPingEndpoints(specsDir: string = defaultSpecsDir): Record<OperationId, PingEndpoint> {
  return { pingAppservice: endpointOf(specsDir, 'pingAppservice'), ping: endpointOf(specsDir, 'ping') }
}

function endpointOf(specsDir: string, id: OperationId): PingEndpoint {
  const api = parse(readFileSync(join(specsDir, specFiles[id]), 'utf8')) as {
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
