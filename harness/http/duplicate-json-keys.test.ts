import { describe, expect, it } from 'vitest'
import { duplicateJsonKeys } from './duplicate-json-keys.js'

describe('duplicateJsonKeys', () => {
  it.each([
    ['{"a":1,"b":2}', []],
    ['{"a":1,"a":2}', ['a']],
    ['{"a":{"x":1},"a":2}', ['a']],
    ['{"a":{"x":1,"x":2}}', ['x']],
    ['{"a":{"x":1},"b":{"x":2}}', []],
    ['[{"a":1},{"a":2}]', []],
    ['[{"a":1,"a":2}]', ['a']],
    ['{"a":["a","a"],"b":"a"}', []],
    ['{"a":"\\"a\\"","\\"a\\"":1}', []],
    ['{"\\u0061":1,"a":2}', ['a']],
    ['{"k":"} , { \\" ","k":1}', ['k']],
    ['{ "a" : 1 , "a" : 2 , "b" : 3 , "b" : 4 }', ['a', 'b']],
    ['"a"', []],
    ['[]', []],
    ['{}', []],
  ])('%s → %j', (text, keys) => {
    expect(() => JSON.parse(text)).not.toThrow()
    expect(duplicateJsonKeys(text)).toEqual(keys)
  })
})
