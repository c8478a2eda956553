import { describe, expect, it } from 'vitest'
import { createRedactor, fingerprint, type Secret } from './redact.js'

const asToken: Secret = { label: 'as_token', value: 'as_QQQQwwwwEEEErrrrTTTTyyyy', envVar: 'AS_TOKEN' }
const hsToken: Secret = { label: 'hs_token', value: 'hs_ZZZZxxxxCCCCvvvvBBBBnnnn', envVar: 'HS_TOKEN' }

describe('fingerprint', () => {
  it('is six hex characters, the same for the same secret and different for another', () => {
    expect(fingerprint(asToken.value)).toMatch(/^[0-9a-f]{6}$/)
    expect(fingerprint(asToken.value)).toBe(fingerprint(asToken.value))
    expect(fingerprint(asToken.value)).not.toBe(fingerprint(hsToken.value))
  })

  it('reveals none of the characters: secrets sharing a prefix or suffix get unrelated fingerprints', () => {
    // Tokens of letters outside a-f: any character of the fingerprint that came from them would show.
    const secret = 'tokenXYZWtokenXYZWtokenXYZW'
    expect(fingerprint(secret)).not.toMatch(/[g-z]/i)
    expect(fingerprint(`${secret}1`)).not.toBe(fingerprint(`${secret}2`))
    expect(fingerprint(`1${secret}`)).not.toBe(fingerprint(`2${secret}`))
  })
})

describe('createRedactor', () => {
  const redactor = createRedactor([asToken, hsToken])

  it('replaces every occurrence of every secret with its label and fingerprint', () => {
    const text = `Bearer ${asToken.value} then ${hsToken.value} and ${asToken.value} again`
    const redacted = redactor.redact(text)
    expect(redacted).toBe(
      `Bearer <as_token#${fingerprint(asToken.value)}> then <hs_token#${fingerprint(hsToken.value)}> and <as_token#${fingerprint(asToken.value)}> again`,
    )
    expect(redacted).not.toContain('QQQQ')
    expect(redacted).not.toContain('ZZZZ')
  })

  it('replaces the longest secret first, so one that contains another is replaced whole', () => {
    const short: Secret = { label: 'short', value: 'abcdefgh', envVar: 'SHORT' }
    const long: Secret = { label: 'long', value: 'abcdefgh-and-more', envVar: 'LONG' }
    for (const secrets of [
      [short, long],
      [long, short],
    ]) {
      const redacted = createRedactor(secrets).redact(`x ${long.value} y ${short.value} z`)
      expect(redacted).toBe(`x <long#${fingerprint(long.value)}> y <short#${fingerprint(short.value)}> z`)
    }
  })

  it('ignores empty secrets instead of splitting every character', () => {
    expect(createRedactor([{ label: 'empty', value: '', envVar: 'EMPTY' }]).redact('unchanged')).toBe('unchanged')
  })

  it('writes environment variables for copy-paste commands', () => {
    expect(redactor.forShell(`curl -H "Authorization: Bearer ${asToken.value}"`)).toBe('curl -H "Authorization: Bearer $AS_TOKEN"')
  })

  it('redacts every string of a JSON-like value, keys included, and leaves the rest', () => {
    const value = { [asToken.value]: [hsToken.value, 1, null, { nested: `x${asToken.value}` }], ok: true }
    const redacted = redactor.redactValue(value)
    expect(JSON.stringify(redacted)).not.toMatch(/QQQQ|ZZZZ/)
    expect(redacted).toEqual({
      [`<as_token#${fingerprint(asToken.value)}>`]: [
        `<hs_token#${fingerprint(hsToken.value)}>`,
        1,
        null,
        { nested: `x<as_token#${fingerprint(asToken.value)}>` },
      ],
      ok: true,
    })
  })
})
