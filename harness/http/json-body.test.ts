import { describe, expect, it } from 'vitest'
import { readJsonBody } from './json-body.js'
import { decode } from './read-bounded-text.js'

const body = (text: string, flags: { truncated?: boolean } = {}) => decode(Buffer.from(text), text.length, flags.truncated ?? false)

describe('readJsonBody', () => {
  it('parses complete, valid UTF-8 JSON', () => {
    expect(readJsonBody(body('{"duration_ms":12}'))).toEqual({ json: { duration_ms: 12 } })
    expect(readJsonBody(body('null'))).toEqual({ json: null })
  })

  it('has no JSON and no problem for an empty body', () => {
    expect(readJsonBody(body(''))).toEqual({ json: undefined })
    expect(readJsonBody(body(' \n'))).toEqual({ json: undefined })
  })

  it('says why a body is not usable JSON, so no check grades a reading other clients would not share', () => {
    expect(readJsonBody(body("{'a': 1}"))).toEqual({ json: undefined, problem: 'is not JSON' })
    expect(readJsonBody(body('{"a":1}', { truncated: true })).problem).toMatch(/^is larger than 64 KB/)
    expect(readJsonBody(decode(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), 9, false))).toEqual({
      json: undefined,
      problem: 'is not valid UTF-8 (JSON must be)',
    })
    expect(readJsonBody(body('{"duration_ms":null,"duration_ms":12}'))).toEqual({
      json: undefined,
      problem: "repeats the key 'duration_ms' in one object (JSON parsers disagree on which value counts)",
    })
  })
})
