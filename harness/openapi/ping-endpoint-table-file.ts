import type { GeneratedDoc } from '../generated-doc.js'
import type { PingEndpoint } from './ping-endpoints.js'
import { readPingEndpoints } from './read-ping-endpoints.js'
import type { OperationId } from './spec-files.js'

const regenerateCommand = 'npm run specs:endpoints'

/**
 * harness/openapi/ping-endpoint-table.ts, written from specs/ by `npm run specs:endpoints`: the
 * CLI's --help and `list` quote the endpoints' paths, and loading yaml and parsing both spec files
 * for them was about a third of those commands' CPU time; a table of two rows costs nothing.
 */
export const pingEndpointTableFiles: readonly GeneratedDoc[] = [
  { file: 'harness/openapi/ping-endpoint-table.ts', command: regenerateCommand, regenerate: () => renderPingEndpointTable(readPingEndpoints()) },
]

function renderPingEndpointTable(endpoints: Record<OperationId, PingEndpoint>): string {
  const rows = Object.entries(endpoints).map(([id, { method, path }]) => `  ${id}: { method: ${quoted(method)}, path: ${quoted(path)} },`)
  return [
    `// Generated from specs/ by \`${regenerateCommand}\` (harness/openapi/ping-endpoint-table-file.ts); test/generated-docs.test.ts fails when it is out of date.`,
    '',
    "/** The two ping operations, keyed by the spec's operationId: method and full path (the spec's `basePath` included). */",
    'export const pingEndpointTable = {',
    ...rows,
    '} as const',
    '',
  ].join('\n')
}

function quoted(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}
