import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { UsageError } from '../usage-error.js'
import { loadRegistration, renderRegistration, validateRegistration, type AppserviceRegistration } from './appservice-registration.js'

const valid: AppserviceRegistration = {
  id: 'bridge',
  url: 'http://127.0.0.1:9000',
  as_token: 'as_secretSECRETsecret',
  hs_token: 'hs_secretSECRETsecret',
  sender_localpart: '_bridge_bot',
  namespaces: { users: [{ exclusive: true, regex: '@_bridge_.*' }], aliases: [], rooms: [] },
  rate_limited: false,
}

/** The one-line message a validation problem gives, checked to be a UsageError with a remedy. */
function problemWith(data: unknown): string {
  try {
    validateRegistration(data, 'reg.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).remedy).toBeTruthy()
    expect((error as UsageError).message).not.toContain('\n')
    return (error as UsageError).message
  }
  throw new Error('no problem reported')
}

describe('validateRegistration', () => {
  it('accepts a registration, with defaults for what it may leave out', () => {
    expect(validateRegistration(valid, 'reg.yaml')).toEqual(valid)
    const { namespaces: _n, rate_limited: _r, ...minimal } = valid
    expect(validateRegistration(minimal, 'reg.yaml')).toMatchObject({ namespaces: { users: [], aliases: [], rooms: [] }, rate_limited: false })
    expect(validateRegistration({ ...valid, url: null }, 'reg.yaml').url).toBeNull()
  })

  it.each([
    ['a list', [valid], /reg\.yaml must be a YAML mapping/],
    ['a string', 'id: x', /must be a YAML mapping/],
    ['null', null, /must be a YAML mapping/],
  ])('refuses %s instead of a mapping', (_what, data, message) => {
    expect(problemWith(data)).toMatch(message)
  })

  it.each(['id', 'as_token', 'hs_token', 'sender_localpart'] as const)('names a missing or empty %s', (key) => {
    const { [key]: _dropped, ...without } = valid
    expect(problemWith(without)).toBe(`registration reg.yaml: '${key}' must be a non-empty string`)
    expect(problemWith({ ...valid, [key]: '' })).toBe(`registration reg.yaml: '${key}' must be a non-empty string`)
    expect(problemWith({ ...valid, [key]: 42 })).toBe(`registration reg.yaml: '${key}' must be a non-empty string`)
  })

  it('needs url, as a string or null, and an absolute http(s) URL when a string', () => {
    const { url: _url, ...without } = valid
    expect(problemWith(without)).toMatch(/'url' is required \(a URL, or null\)/)
    expect(problemWith({ ...valid, url: 9000 })).toMatch(/'url' must be a string or null/)
    expect(problemWith({ ...valid, url: '127.0.0.1:9000' })).toMatch(/'url' must be an absolute http\(s\) URL, got '127\.0\.0\.1:9000'/)
    expect(problemWith({ ...valid, url: 'ftp://host' })).toMatch(/absolute http\(s\) URL/)
  })

  it('never repeats a token in its messages', () => {
    const messages = [problemWith({ ...valid, id: '' }), problemWith({ ...valid, url: 'nope' }), problemWith({ ...valid, hs_token: 7 })]
    for (const message of messages) expect(message).not.toMatch(/secretSECRET/)
  })
})

describe('loadRegistration', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-registration-'))
  })

  async function loadError(file: string): Promise<UsageError> {
    const error = await loadRegistration(file).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).not.toContain('\n')
    return error as UsageError
  }

  it('reads back what renderRegistration wrote, url: null written as YAML null', async () => {
    const file = join(dir, 'roundtrip.yaml')
    await writeFile(file, renderRegistration({ ...valid, url: null }))
    expect(parse(renderRegistration({ ...valid, url: null })).url).toBeNull()
    expect(await loadRegistration(file)).toEqual({ ...valid, url: null })
  })

  it('names a file it cannot read, with the reason', async () => {
    expect((await loadError(join(dir, 'missing.yaml'))).message).toMatch(/cannot read registration .*missing\.yaml: ENOENT/)
    await mkdir(join(dir, 'a-directory.yaml'))
    expect((await loadError(join(dir, 'a-directory.yaml'))).message).toMatch(/cannot read registration .*a-directory\.yaml: EISDIR/)
  })

  it('names invalid YAML in one line, without echoing the file (it holds tokens)', async () => {
    const file = join(dir, 'broken.yaml')
    await writeFile(file, `id: bridge\nas_token: as_secretSECRETsecret: more\n  hs_token: [unclosed\n`)
    const error = await loadError(file)
    expect(error.message).toMatch(/registration .*broken\.yaml is not valid YAML: /)
    expect(error.message).not.toContain('secretSECRET')
    expect(error.remedy).toMatch(/init/)
  })

  it('refuses a registration without tokens', async () => {
    const file = join(dir, 'no-tokens.yaml')
    await writeFile(file, 'id: bridge\nurl: http://127.0.0.1:9000\nsender_localpart: bot\n')
    expect((await loadError(file)).message).toMatch(/'as_token' must be a non-empty string/)
  })
})
