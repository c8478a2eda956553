import { describe, it, expect, beforeAll } from 'vitest'
import { loadSpecs, type PingSpecs } from './load-specs.js'
import { createResponseValidator, type ResponseValidator } from './response-validator.js'

let specs: PingSpecs
let validator: ResponseValidator
beforeAll(async () => {
  specs = await loadSpecs()
  validator = createResponseValidator(specs)
})

describe('pingAppservice 200', () => {
  it('accepts an integer duration', () => {
    expect(validator.validate('pingAppservice', 200, { duration_ms: 5 })).toEqual([])
  })

  it('rejects a string duration', () => {
    expect(validator.validate('pingAppservice', 200, { duration_ms: '5' })).toEqual([{ path: '/duration_ms', message: 'must be integer' }])
  })

  it('rejects a fractional duration', () => {
    expect(validator.validate('pingAppservice', 200, { duration_ms: 1.5 })).toEqual([{ path: '/duration_ms', message: 'must be integer' }])
  })

  it('rejects a body that is not an object', () => {
    expect(validator.validate('pingAppservice', 200, [])).toEqual([{ path: '', message: 'must be object' }])
  })
})

describe('pingAppservice errors', () => {
  it('accepts a 502 M_BAD_STATUS with integer status and string body', () => {
    const body = { errcode: 'M_BAD_STATUS', error: 'Ping returned status 403', status: 403, body: '{}' }
    expect(validator.validate('pingAppservice', 502, body)).toEqual([])
  })

  it('rejects a 502 whose status is a string', () => {
    const body = { errcode: 'M_BAD_STATUS', status: '403', body: '{"errcode": "M_FORBIDDEN"}' }
    expect(validator.validate('pingAppservice', 502, body)).toEqual([{ path: '/status', message: 'must be integer' }])
  })

  it('rejects a 502 errcode outside the documented enum', () => {
    expect(validator.validate('pingAppservice', 502, { errcode: 'M_UNKNOWN' })).toEqual([
      {
        path: '/errcode',
        message: 'must be equal to one of the allowed values: "M_BAD_STATUS", "M_CONNECTION_FAILED"',
      },
    ])
  })

  it('rejects a 403 without errcode', () => {
    expect(validator.validate('pingAppservice', 403, { error: 'nope' })).toEqual([{ path: '/errcode', message: "must have required property 'errcode'" }])
  })

  it('reports every problem at once', () => {
    const mismatches = validator.validate('pingAppservice', 502, { status: 'x', body: 1 })
    expect(mismatches).toEqual(
      expect.arrayContaining([
        { path: '/errcode', message: "must have required property 'errcode'" },
        { path: '/status', message: 'must be integer' },
        { path: '/body', message: 'must be string' },
      ]),
    )
    expect(mismatches).toHaveLength(3)
  })
})

describe('ping', () => {
  it('accepts an empty object', () => {
    expect(validator.validate('ping', 200, {})).toEqual([])
  })

  it('rejects a non-object body', () => {
    expect(validator.validate('ping', 200, 'OK')).toEqual([{ path: '', message: 'must be object' }])
  })
})

describe('undocumented statuses', () => {
  it('reports a status pingAppservice does not document', () => {
    expect(validator.validate('pingAppservice', 418, {})).toEqual([
      {
        path: '',
        message: 'status 418 is not documented for pingAppservice (documented: 200, 400, 403, 502, 504)',
      },
    ])
  })

  it('reports a status ping does not document', () => {
    expect(validator.validate('ping', 403, { errcode: 'M_FORBIDDEN' })).toEqual([
      { path: '', message: 'status 403 is not documented for ping (documented: 200)' },
    ])
  })
})

describe('the specs agree with themselves', () => {
  it('accepts every documented application/json example', () => {
    let checked = 0
    for (const op of Object.values(specs.operations)) {
      for (const [status, response] of Object.entries(op.responses)) {
        const example = response.examples?.['application/json']
        if (example === undefined) continue
        const mismatches = validator.validate(op.operationId, Number(status), example)
        expect(mismatches, `${op.operationId} ${status}`).toEqual([])
        checked++
      }
    }
    // 5 examples on pingAppservice, 1 on ping.
    expect(checked).toBe(6)
  })

  it('gives the same answer on repeated calls (compiled schemas are reused)', () => {
    const body = { duration_ms: '5' }
    const first = validator.validate('pingAppservice', 200, body)
    expect(validator.validate('pingAppservice', 200, body)).toEqual(first)
  })
})
