// Entry point for the OpenAPI side of the harness: load the vendored ping
// specs, check responses against them, and list the errors they document.
export { loadSpecs, loadVendoredSpecs } from './load-specs.js'
export type { OperationId, PingSpecs, SpecOperation, SpecResponse } from './load-specs.js'
export { createResponseValidator } from './response-validator.js'
export type { ResponseValidator, SchemaMismatch } from './response-validator.js'
export { documentedErrorCodes } from './documented-errors.js'
export type { DocumentedError } from './documented-errors.js'
