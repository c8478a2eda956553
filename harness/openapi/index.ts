// Entry point for the OpenAPI side of the harness: load the vendored ping
// specs, check responses against them, and list the errors they document.
export { loadSpecs, loadVendoredSpecs } from './load-specs'
export type { OperationId, PingSpecs, SpecOperation, SpecResponse } from './load-specs'
export { createResponseValidator } from './response-validator'
export type { ResponseValidator, SchemaMismatch } from './response-validator'
export { documentedErrorCodes } from './documented-errors'
export type { DocumentedError } from './documented-errors'
