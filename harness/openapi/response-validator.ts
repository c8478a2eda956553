import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import type { OperationId, PingSpecs, SpecOperation } from './load-specs.js'

/** One way a response body differs from its documented schema. */
export interface SchemaMismatch {
  /** JSON pointer into the body, e.g. `/duration_ms`; `''` means the whole body or the status. */
  path: string
  /** What is wrong, e.g. `must be integer`. */
  message: string
}

/** Checks actual responses against the documented ones. */
export interface ResponseValidator {
  /**
   * Validates `body` against the schema documented for `status` on `operationId`.
   * Returns an empty array when it conforms.
   */
  validate(operationId: OperationId, status: number, body: unknown): SchemaMismatch[]
}

/**
 * Builds a validator over the loaded specs. Each schema is compiled the first
 * time it is needed and reused afterwards.
 */
export function createResponseValidator(specs: PingSpecs): ResponseValidator {
  const ajv = createSwaggerAjv()
  const compiled = new Map<string, ValidateFunction | null>()

  return {
    validate(operationId, status, body) {
      const operation = specs.operations[operationId] as SpecOperation | undefined
      if (!operation) throw new Error(`unknown operation ${operationId}`)

      // Swagger 2.0 lets `default` stand in for any status not listed.
      const key = String(status) in operation.responses ? String(status) : 'default'
      const response = operation.responses[key]
      if (!response) {
        const documented = Object.keys(operation.responses).filter((s) => s !== 'default')
        return [
          {
            path: '',
            message: `status ${status} is not documented for ${operationId} (documented: ${documented.join(', ')})`,
          },
        ]
      }

      const cacheKey = `${operationId} ${key}`
      let check = compiled.get(cacheKey)
      if (check === undefined) {
        check = response.schema ? ajv.compile(response.schema) : null
        compiled.set(cacheKey, check)
      }
      // A response without a schema documents no body shape, so anything goes.
      if (check === null || check(body)) return []
      return (check.errors ?? []).map(toMismatch)
    },
  }
}

/**
 * Swagger 2.0 schemas are a draft-04 subset sprinkled with OpenAPI-only
 * keywords (`example`, `x-*`, `discriminator`, …). Non-strict mode lets ajv
 * skip those instead of refusing to compile.
 */
function createSwaggerAjv(): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    // Swagger formats such as int32/int64 are hints, not JSON-schema formats.
    validateFormats: false,
    // Library code must stay silent; ajv would otherwise warn on the console.
    logger: false,
  })
  ajv.addKeyword({ keyword: 'example' })
  return ajv
}

function toMismatch(error: ErrorObject): SchemaMismatch {
  // Point `required` failures at the missing property rather than its parent,
  // so reports read "/errcode: must have required property 'errcode'".
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty
    return { path: `${error.instancePath}/${escapePointer(missing)}`, message: error.message ?? 'is required' }
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
    return {
      path: error.instancePath,
      message: `${error.message ?? 'must be one of'}: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
    }
  }
  return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}
