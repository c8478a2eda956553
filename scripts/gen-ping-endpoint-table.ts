import { pingEndpointTableFiles } from '../harness/openapi/ping-endpoint-table-file.js'
import { writeGeneratedDocs } from './support/write-generated-docs.js'

// Writes harness/openapi/ping-endpoint-table.ts from specs/, so the CLI can quote the ping paths without parsing YAML at start.
writeGeneratedDocs(pingEndpointTableFiles)
