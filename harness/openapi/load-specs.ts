import SwaggerParser from '@apidevtools/swagger-parser'
import type { OpenAPIV2 } from 'openapi-types'
import { resolve } from 'node:path'
import { defaultSpecsDir, specFiles, type OperationId } from './spec-files.js'

export type { OperationId } from './spec-files.js'

/** One documented response of an operation, with `$ref`s already resolved. */
export interface SpecResponse {
  description: string
  /** JSON schema of the body (Swagger 2.0 flavour, draft-04 subset). */
  schema?: object
  /** Swagger `examples`, keyed by MIME type. */
  examples?: Record<string, unknown>
}

/** What the harness needs to know about one operation. */
export interface SpecOperation {
  operationId: OperationId
  method: 'post'
  /** Full request path including the spec's `basePath`, e.g. `/_matrix/app/v1/ping`. */
  path: string
  /** The spec's `x-addedInMatrixVersion`, e.g. `"1.7"`. */
  addedInMatrixVersion: string
  /** Documented responses keyed by status code as written in the spec (`"200"`, `"default"`). */
  responses: Record<string, SpecResponse>
  /** Schema of the `in: body` parameter, if the operation takes one. */
  requestSchema?: object
}

/** Both ping operations, loaded and validated from the vendored specs. */
export interface PingSpecs {
  operations: Record<OperationId, SpecOperation>
}

/** Which file documents which operation, relative to the specs directory. */

const DEFAULT_SPECS_DIR = defaultSpecsDir

// Parsing, dereferencing and schema-validating the YAML is the slow part, and
// many test files ask for the same specs, so share one load per directory.
const cache = new Map<string, Promise<PingSpecs>>()

/**
 * Loads, validates and dereferences both ping specs.
 *
 * @param specsDir directory holding `client-server/` and `application-service/`;
 *   defaults to the repository's `specs/` folder.
 * @throws Error with a one-line message naming the file when a spec is
 *   missing, invalid, or lacks the expected operation.
 */
export function loadSpecs(specsDir: string = DEFAULT_SPECS_DIR): Promise<PingSpecs> {
  return cached(resolve(specsDir), true)
}

/**
 * The repository's own specs for a conformance run: loaded and dereferenced like `loadSpecs()`,
 * but not validated against the Swagger 2.0 schema. `npm test` validates these very files
 * (load-specs.test.ts, which also checks both loads agree), and the validation costs ~0.5 s of
 * CPU that a run would otherwise spend before its checks start.
 */
export function loadVendoredSpecs(): Promise<PingSpecs> {
  return cached(resolve(DEFAULT_SPECS_DIR), false)
}

function cached(dir: string, validate: boolean): Promise<PingSpecs> {
  const key = `${validate ? 'validated' : 'dereferenced'}:${dir}`
  let pending = cache.get(key)
  if (!pending) {
    pending = loadUncached(dir, validate)
    // A failed load must not stick: a fixed file should load on the next call.
    pending.catch(() => cache.delete(key))
    cache.set(key, pending)
  }
  return pending
}

async function loadUncached(dir: string, validate: boolean): Promise<PingSpecs> {
  const ids = Object.keys(specFiles) as OperationId[]
  const loaded = await Promise.all(ids.map((id) => loadOperation(resolve(dir, specFiles[id]), id, validate)))
  const operations = Object.fromEntries(loaded.map((op) => [op.operationId, op]))
  return { operations: operations as Record<OperationId, SpecOperation> }
}

async function loadOperation(file: string, operationId: OperationId, validate: boolean): Promise<SpecOperation> {
  let api: OpenAPIV2.Document
  try {
    // Both resolve every $ref, so schemas below are self-contained.
    api = (await (validate ? SwaggerParser.validate(file) : SwaggerParser.dereference(file))) as OpenAPIV2.Document
  } catch (err) {
    throw specError(file, oneLine(err instanceof Error ? err.message : String(err), file), err)
  }
  if (typeof api.swagger !== 'string' || !api.swagger.startsWith('2.')) {
    throw specError(file, 'expected a Swagger 2.0 document')
  }
  return extractOperation(api, file, operationId)
}

function extractOperation(api: OpenAPIV2.Document, file: string, operationId: OperationId): SpecOperation {
  const matches: [string, OpenAPIV2.OperationObject][] = []
  for (const [pathKey, item] of Object.entries(api.paths)) {
    const op = item.post
    if (op?.operationId === operationId) matches.push([pathKey, op])
  }
  const match = matches[0]
  if (matches.length !== 1 || !match) {
    throw specError(file, `expected exactly one POST operation "${operationId}", found ${matches.length}`)
  }
  const [pathKey, op] = match

  const added: unknown = (op as Record<string, unknown>)['x-addedInMatrixVersion']
  if (typeof added !== 'string') {
    throw specError(file, `operation "${operationId}" has no string x-addedInMatrixVersion`)
  }

  const responses: Record<string, SpecResponse> = {}
  const documented: Record<string, OpenAPIV2.Response | undefined> = op.responses
  for (const [status, response] of Object.entries(documented)) {
    if (!response || '$ref' in response) continue // unreachable after dereferencing
    responses[status] = {
      description: response.description,
      ...(response.schema ? { schema: response.schema } : {}),
      ...(response.examples ? { examples: response.examples } : {}),
    }
  }

  const parameters: OpenAPIV2.Parameters = op.parameters ?? []
  const body = parameters.find((p): p is OpenAPIV2.InBodyParameterObject => !('$ref' in p) && p.in === 'body')

  return {
    operationId,
    method: 'post',
    path: `${api.basePath ?? ''}${pathKey}`,
    addedInMatrixVersion: added,
    responses,
    ...(body ? { requestSchema: body.schema } : {}),
  }
}

function specError(file: string, reason: string, cause?: unknown): Error {
  return new Error(`Cannot load OpenAPI spec ${file}: ${reason}`, cause === undefined ? undefined : { cause })
}

/**
 * Parser messages span several lines (a code frame for YAML errors, one line
 * per problem for schema errors); callers want a single line, so keep the
 * headline plus the first schema problem. The headline usually repeats the
 * file name, which the caller's prefix already gives.
 */
function oneLine(message: string, file: string): string {
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const headline = (lines[0] ?? 'unknown error').replace(`Error opening file ${file}: `, '').replace(`Error parsing ${file}: `, 'YAML parse error: ')
  const problems = lines.filter((l) => l.startsWith('#/'))
  if (problems.length === 0) return headline
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : ''
  return `${headline} ${problems[0]}${more}`
}
