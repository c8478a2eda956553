import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { substituteEnv } from './config-file.js'
import { buildProgram, main } from './main.js'

/** Parses argv with the real program, but captures the homeserver command's options instead of running it. */
async function parsed(argv: string[]): Promise<{ opts: Record<string, unknown>; sources: Record<string, string | undefined> }> {
  const program = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined)
  const command = program.commands.find((c) => c.name() === 'homeserver')!
  let captured: Record<string, unknown> = {}
  command.action((opts: Record<string, unknown>) => {
    captured = opts
  })
  await program.parseAsync(argv, { from: 'user' })
  return { opts: captured, sources: Object.fromEntries(Object.keys(captured).map((k) => [k, command.getOptionValueSource(k)])) }
}

const envKeys: string[] = []
function setEnv(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) {
    envKeys.push(k)
    process.env[k] = v
  }
}
afterEach(() => {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- delete is how a variable leaves process.env
  for (const k of envKeys.splice(0)) delete process.env[k]
})

async function configFile(text: string, name = 'conformance.yaml'): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'asp-config-')), name)
  await writeFile(file, text)
  return file
}

describe('flag sources: command line > environment > config file > default', () => {
  it('reads every flag from the config file, with ${VAR} from the environment', async () => {
    setEnv({ ASP_TEST_USER_TOKEN: 'syt_secret' })
    const file = await configFile(
      'hs-url: https://staging.example\nconfig: ./conformance\nuser-token: ${ASP_TEST_USER_TOKEN}\nstrict: true\nonly: [HS-PING-OK, HS-PING-TIMEOUT]\nreport: { json: out/r.json, junit: out/r.xml }\nfail-on: regressions\n',
    )
    const { opts, sources } = await parsed(['homeserver', '--config-file', file])
    expect(opts).toMatchObject({
      hsUrl: 'https://staging.example',
      config: './conformance',
      userToken: 'syt_secret',
      strict: true,
      only: ['HS-PING-OK', 'HS-PING-TIMEOUT'],
      report: { json: 'out/r.json', junit: 'out/r.xml' },
      failOn: 'regressions',
    })
    expect(sources.hsUrl).toBe('config')
  })

  it('lets the environment override the file and the command line override both', async () => {
    const file = await configFile('{"hs-url": "https://from-file.example", "config": "c", "hs-timeout-ms": 1000}', 'c.json')
    setEnv({ CONFORMANCE_HS_URL: 'https://from-env.example', CONFORMANCE_CONFIG_FILE: file, CONFORMANCE_HS_TIMEOUT_MS: '2000' })
    const { opts, sources } = await parsed(['homeserver', '--hs-timeout-ms', '3000'])
    expect(opts).toMatchObject({ hsUrl: 'https://from-env.example', config: 'c', hsTimeoutMs: 3000 })
    expect(sources).toMatchObject({ hsUrl: 'env', config: 'config', hsTimeoutMs: 'cli' })
  })

  it('reads CONFORMANCE_STRICT=false as false, and true, 1, yes, on as true', async () => {
    const cases: [string, boolean][] = [
      ['false', false],
      ['0', false],
      ['', false],
      ['OFF', false],
      ['1', true],
      ['true', true],
      ['Yes', true],
      ['on', true],
    ]
    for (const [value, strict] of cases) {
      setEnv({ CONFORMANCE_STRICT: value })
      expect((await parsed(['homeserver', '--hs-url', 'http://127.0.0.1:1', '--config', 'c'])).opts.strict, value).toBe(strict)
    }
  })

  it('lets several --report flags add up, and a higher source replace the config file reports', async () => {
    const hs = ['homeserver', '--hs-url', 'http://127.0.0.1:1', '--config', 'c']
    expect((await parsed([...hs, '--report', 'json=r.json', '--report', 'junit=r.xml,html=r.html'])).opts.report).toEqual({
      json: 'r.json',
      junit: 'r.xml',
      html: 'r.html',
    })
    const file = await configFile('report: { json: from-file.json }\n')
    expect((await parsed([...hs, '--config-file', file, '--report', 'json=a.json', '--report', 'html=a.html'])).opts.report).toEqual({
      json: 'a.json',
      html: 'a.html',
    })
    setEnv({ CONFORMANCE_REPORT: 'junit=env.xml' })
    expect((await parsed([...hs, '--config-file', file])).opts.report).toEqual({ junit: 'env.xml' })
  })

  it('refuses unknown keys, bad values and unset variables in one line, exit 2', async () => {
    const errors: string[] = []
    const output = { out: () => undefined, err: (t: string) => void errors.push(t) }
    const cases: [string, RegExp][] = [
      ['hs-ulr: x\n', /'hs-ulr' is not a flag of as-ping-conformance/],
      ['hs-url: not a url\n', /hs-url: 'not a url' is not a URL/],
      ['user-token: ${ASP_TEST_UNSET_VAR}\n', /uses \$\{ASP_TEST_UNSET_VAR\}, which is not set/],
      ['strict: yes please\n', /strict must be true or false/],
    ]
    for (const [text, message] of cases) {
      errors.length = 0
      expect(await main(['homeserver', '--config-file', await configFile(text)], output)).toBe(2)
      expect(errors.join('')).toMatch(message)
      expect(errors.join('').trim().split('\n')).toHaveLength(1)
    }
  })

  it('ignores keys of other commands, so one file serves doctor, homeserver and merge', async () => {
    const file = await configFile('hs-url: https://staging.example\nconfig: c\nid-prefix: shard-1\nexpectations: e.yaml\n')
    expect((await parsed(['homeserver', '--config-file', file])).opts).toMatchObject({ hsUrl: 'https://staging.example', expectations: 'e.yaml' })
  })

  it('reads tokens from files and refuses both a token and its file', async () => {
    const errors: string[] = []
    const code = await main(['homeserver', '--hs-url', 'http://127.0.0.1:1', '--config', 'c', '--user-token', 'a', '--user-token-file', 'f'], {
      out: () => undefined,
      err: (t) => void errors.push(t),
    })
    expect(code).toBe(2)
    expect(errors.join('')).toMatch(/cannot be used with/)
  })
})

describe('substituteEnv', () => {
  it('substitutes ${VAR}, keeps $${VAR} literal, refuses bad names', () => {
    expect(substituteEnv('Bearer ${T}', { T: 'x' }, 'f')).toBe('Bearer x')
    expect(substituteEnv('$${T}', { T: 'x' }, 'f')).toBe('${T}')
    expect(() => substituteEnv('${1A}', {}, 'f')).toThrow(/not a variable name/)
  })
})
