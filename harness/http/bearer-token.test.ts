import { describe, expect, it } from 'vitest'
import { bearerToken, isCanonicalBearer, parseBearer } from './bearer-token.js'

describe('bearerToken', () => {
  it('reads the scheme name in any case, as RFC 9110 §11.1 says', () => {
    for (const header of ['Bearer t0k', 'bearer t0k', 'BEARER t0k', 'bEaReR t0k']) expect(bearerToken(header), header).toBe('t0k')
  })

  it('takes one or more spaces or tabs between scheme and token', () => {
    for (const header of ['Bearer  t0k', 'Bearer\tt0k', 'Bearer \t t0k']) expect(bearerToken(header), JSON.stringify(header)).toBe('t0k')
  })

  it('finds no token without the Bearer scheme, a separator, or a single token', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Bearert0k', 't0k', 'Token t0k', 'Basic dXNlcjpwYXNz', 'Bearer t0k extra', 'xBearer t0k']) {
      expect(bearerToken(header), JSON.stringify(header)).toBeUndefined()
    }
  })
})

describe('isCanonicalBearer', () => {
  it('holds only for `Bearer`, one space, the token (all Synapse reads)', () => {
    expect(isCanonicalBearer(parseBearer('Bearer t0k')!)).toBe(true)
    for (const header of ['bearer t0k', 'BEARER t0k', 'Bearer  t0k', 'Bearer\tt0k'])
      expect(isCanonicalBearer(parseBearer(header)!), JSON.stringify(header)).toBe(false)
  })

  it('keeps the scheme and separator as sent, for messages', () => {
    expect(parseBearer('bearer\tt0k')).toEqual({ scheme: 'bearer', separator: '\t', token: 't0k' })
  })
})
