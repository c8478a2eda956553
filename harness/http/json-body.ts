import { duplicateJsonKeys } from './duplicate-json-keys.js'
import { parseJson } from './parse-json.js'
import { maxBodyBytes, type BoundedText } from './read-bounded-text.js'

export interface JsonBody {
  /** The parsed body; undefined when it is empty or not plain, complete, UTF-8 JSON. */
  json: unknown
  /**
   * Why a non-empty body has no `json`, as a predicate for "the body …": 'is not JSON',
   * 'is not valid UTF-8', a body cut at the size limit, or a repeated key.
   */
  problem?: string
}

/**
 * Reads a response body as JSON the way a strict client must: only complete, valid UTF-8 JSON
 * without repeated keys counts, so no check grades a reading another client would not share.
 */
export function readJsonBody(body: BoundedText): JsonBody {
  if (body.text.trim() === '') return { json: undefined }
  if (body.truncated) return { json: undefined, problem: `is larger than ${maxBodyBytes / 1024} KB (the suite reads no further)` }
  if (body.invalidUtf8) return { json: undefined, problem: 'is not valid UTF-8 (JSON must be)' }
  const json = parseJson(body.text)
  if (json === undefined) return { json: undefined, problem: 'is not JSON' }
  const duplicates = duplicateJsonKeys(body.text)
  if (duplicates.length > 0) {
    const keys = duplicates
      .slice(0, 3)
      .map((k) => `'${k.slice(0, 40)}'`)
      .join(', ')
    return { json: undefined, problem: `repeats the key ${keys} in one object (JSON parsers disagree on which value counts)` }
  }
  return { json }
}
