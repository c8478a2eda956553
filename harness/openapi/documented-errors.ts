import type { OperationId, PingSpecs, SpecResponse } from './load-specs.js'

/** One (status, errcode) pair that the specs say an operation can return. */
export interface DocumentedError {
  operationId: OperationId
  status: number
  errcode: string
}

/**
 * Lists every (status, errcode) pair the specs document, so a coverage gate
 * can demand a test for each one.
 *
 * A machine-readable `enum` on the `errcode` property wins when present. Most
 * responses reuse the generic error schema, though, so otherwise the errcodes
 * are read from the prose ("The errcode is `M_X`" / "`M_A` or `M_B`") and
 * from the `application/json` example.
 *
 * Sorted by operation, status, then errcode, with no duplicates.
 */
export function documentedErrorCodes(specs: PingSpecs): DocumentedError[] {
  const found: DocumentedError[] = []
  for (const operation of Object.values(specs.operations)) {
    for (const [statusKey, response] of Object.entries(operation.responses)) {
      // `default` has no single status to test against.
      if (!/^\d{3}$/.test(statusKey)) continue
      const status = Number(statusKey)
      for (const errcode of errcodesOf(response)) {
        found.push({ operationId: operation.operationId, status, errcode })
      }
    }
  }
  return found.sort((a, b) => a.operationId.localeCompare(b.operationId) || a.status - b.status || a.errcode.localeCompare(b.errcode))
}

function errcodesOf(response: SpecResponse): string[] {
  const fromEnum = enumErrcodes(response.schema)
  if (fromEnum) return fromEnum
  const codes = new Set<string>(errcodesInDescription(response.description))
  const example = response.examples?.['application/json']
  if (isRecord(example) && typeof example.errcode === 'string') codes.add(example.errcode)
  return [...codes]
}

function enumErrcodes(schema: object | undefined): string[] | undefined {
  if (!isRecord(schema) || !isRecord(schema.properties)) return undefined
  const errcode = schema.properties.errcode
  if (!isRecord(errcode) || !Array.isArray(errcode.enum)) return undefined
  return [...new Set(errcode.enum.filter((v): v is string => typeof v === 'string'))]
}

// "The errcode is `M_A`", "The errcode is `M_A` or `M_B`", "`M_A`, `M_B` and `M_C`".
const ERRCODE_SENTENCE = /the errcode is\s+((?:`[^`]+`(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+)?)+)/gi
const BACKTICKED = /`([^`]+)`/g

/** Errcodes named in "The errcode is …" sentences of a response description. */
export function errcodesInDescription(description: string): string[] {
  const codes: string[] = []
  for (const [, list = ''] of description.matchAll(ERRCODE_SENTENCE)) {
    for (const [, code] of list.matchAll(BACKTICKED)) if (code) codes.push(code)
  }
  return codes
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
