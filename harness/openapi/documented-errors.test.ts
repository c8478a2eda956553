import { describe, it, expect } from 'vitest'
import { loadSpecs, type PingSpecs, type SpecOperation } from './load-specs.js'
import { documentedErrorCodes, errcodesInDescription } from './documented-errors.js'

describe('documentedErrorCodes on the vendored specs', () => {
  it('lists exactly the errcodes of the spec change', async () => {
    expect(documentedErrorCodes(await loadSpecs())).toEqual([
      { operationId: 'pingAppservice', status: 400, errcode: 'M_URL_NOT_SET' },
      { operationId: 'pingAppservice', status: 403, errcode: 'M_FORBIDDEN' },
      { operationId: 'pingAppservice', status: 502, errcode: 'M_BAD_STATUS' },
      { operationId: 'pingAppservice', status: 502, errcode: 'M_CONNECTION_FAILED' },
      { operationId: 'pingAppservice', status: 504, errcode: 'M_CONNECTION_TIMEOUT' },
    ])
  })
})

/** Minimal PingSpecs whose pingAppservice has the given responses. */
function fakeSpecs(responses: SpecOperation['responses']): PingSpecs {
  const base = { method: 'post', path: '/x', addedInMatrixVersion: '1.7' } as const
  return {
    operations: {
      pingAppservice: { ...base, operationId: 'pingAppservice', responses },
      ping: { ...base, operationId: 'ping', responses: { 200: { description: 'ok' } } },
    },
  }
}

describe('documentedErrorCodes sources', () => {
  it('prefers the errcode enum over prose and examples', () => {
    const specs = fakeSpecs({
      502: {
        description: 'The errcode is `M_FROM_PROSE`.',
        schema: { properties: { errcode: { type: 'string', enum: ['M_A', 'M_B'] } } },
        examples: { 'application/json': { errcode: 'M_FROM_EXAMPLE' } },
      },
    })
    expect(documentedErrorCodes(specs).map((e) => e.errcode)).toEqual(['M_A', 'M_B'])
  })

  it('falls back to prose and the JSON example, without duplicates', () => {
    const specs = fakeSpecs({
      400: {
        description: 'Bad. The errcode is `M_ONE` or `M_TWO`.',
        schema: { properties: { errcode: { type: 'string' } } },
        examples: { 'application/json': { errcode: 'M_ONE' } },
      },
      409: {
        description: 'Conflict without prose.',
        examples: { 'application/json': { errcode: 'M_EXAMPLE_ONLY' } },
      },
    })
    expect(documentedErrorCodes(specs)).toEqual([
      { operationId: 'pingAppservice', status: 400, errcode: 'M_ONE' },
      { operationId: 'pingAppservice', status: 400, errcode: 'M_TWO' },
      { operationId: 'pingAppservice', status: 409, errcode: 'M_EXAMPLE_ONLY' },
    ])
  })

  it('skips `default` and responses that name no errcode', () => {
    const specs = fakeSpecs({
      200: { description: 'Fine.', examples: { 'application/json': { duration_ms: 1 } } },
      default: { description: 'The errcode is `M_UNKNOWN`.' },
    })
    expect(documentedErrorCodes(specs)).toEqual([])
  })
})

describe('errcodesInDescription', () => {
  it.each([
    ['The errcode is `M_URL_NOT_SET`.', ['M_URL_NOT_SET']],
    ['The errcode is `M_BAD_STATUS` or `M_CONNECTION_FAILED`.\n\nMore text.', ['M_BAD_STATUS', 'M_CONNECTION_FAILED']],
    ['the errcode is `M_A`, `M_B`, or `M_C`', ['M_A', 'M_B', 'M_C']],
    ['The errcode is `M_A` and `M_B`', ['M_A', 'M_B']],
    ['Mentions `M_NOT_AN_ERRCODE` without the phrase.', []],
    ['The errcode is `M_A`. Some other `M_NOISE` later.', ['M_A']],
  ])('%j -> %j', (text, expected) => {
    expect(errcodesInDescription(text)).toEqual(expected)
  })
})
