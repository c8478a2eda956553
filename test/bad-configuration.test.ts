import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { startReferenceHomeserver, type RunningHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { freePort } from '../harness/http/free-port.js'
import { configFileName, loadConformanceConfig, writeConformanceConfig, type ConformanceConfig } from '../harness/registration/conformance-config.js'
import { createConformanceRegistrations } from '../harness/registration/conformance-registrations.js'
import { configTokens, hasStackTrace } from './support/output-hygiene.js'
import { runCli } from './support/run-cli.js'

/**
 * Wrong invocations, each refused with exit 2 and ONE line on stderr that names the problem and
 * the fix, without a stack trace or a token. Run in-process through main() for speed; a few
 * again as a real child process, to show nothing else reaches the real stderr.
 */

interface Fixtures {
  /** A valid config whose stub port is free, for a homeserver that loads it. */
  config: ConformanceConfig
  dir: string
  /** The reference homeserver loading `config`. */
  homeserver: RunningHomeserver
  /** A homeserver that advertises only versions before the ping. */
  oldHomeserver: RunningHomeserver
  /** A loopback port nothing listens on. */
  closedPort: number
  /** Configs broken in one way each, by name. */
  broken: Record<'noConfigFile' | 'badJson' | 'badYaml' | 'noTokens' | 'unreadable' | 'missingRegistration', string>
  /** A plain file, where a directory is expected. */
  file: string
}

let f: Fixtures
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asp-bad-config-'))
  const dir = join(root, 'good')
  const config = await writeConformanceConfig(dir, createConformanceRegistrations({ asUrl: `http://127.0.0.1:${await freePort()}` }))
  const appservices = Object.values(config.registrations)
  const brokenConfig = async (name: string, damage: (dir: string, config: ConformanceConfig) => Promise<unknown>) => {
    const brokenDir = join(root, name)
    const written = await writeConformanceConfig(brokenDir, createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' }))
    await damage(brokenDir, written)
    return brokenDir
  }
  const file = join(root, 'a-file')
  await writeFile(file, 'not a directory\n')
  f = {
    config,
    dir,
    homeserver: await startReferenceHomeserver({ appservices, appserviceTimeoutMs: 500 }),
    oldHomeserver: await startReferenceHomeserver({ appservices, versions: ['r0.6.1', 'v1.5', 'v1.6'] }),
    closedPort: await freePort(),
    file,
    broken: {
      noConfigFile: await brokenConfig('no-config-file', (d) => rm(join(d, configFileName))),
      badJson: await brokenConfig('bad-json', (d) => writeFile(join(d, configFileName), '{"version": 1,')),
      // The token's line is the broken one: the message must not quote it.
      badYaml: await brokenConfig('bad-yaml', (d, c) => writeFile(join(d, c.files.main), `id: x\nas_token: ${c.registrations.main.as_token}: oops\n  - [`)),
      noTokens: await brokenConfig('no-tokens', (d, c) =>
        writeFile(join(d, c.files.main), 'id: as-ping-conformance\nurl: http://127.0.0.1:9000\nsender_localpart: bot\n'),
      ),
      unreadable: await brokenConfig('unreadable', async (d, c) => {
        await rm(join(d, c.files.noUrl))
        await mkdir(join(d, c.files.noUrl))
      }),
      missingRegistration: await brokenConfig('missing-registration', (d, c) => rm(join(d, c.files.unreachable))),
    },
  }
})

afterAll(async () => {
  await f?.homeserver.close()
  await f?.oldHomeserver.close()
  await rm(root, { recursive: true, force: true })
})

async function runMain(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { out: (text) => void (stdout += text), err: (text) => void (stderr += text) })
  return { code, stdout, stderr }
}

const hs = () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.dir]

interface Case {
  name: string
  argv: () => string[]
  /** Names the problem (matched against the part before "Fix:"). */
  problem: RegExp
  /** Names the fix (matched against the part after it). */
  fix: RegExp
  env?: Record<string, string>
}

const cases: Case[] = [
  // Flags
  { name: 'no command', argv: () => [], problem: /no command given/, fix: /use one of .*init.*homeserver/ },
  { name: 'an unknown command', argv: () => ['homserver'], problem: /unknown command 'homserver'/, fix: /use one of .*homeserver/ },
  {
    name: 'a missing --hs-url',
    argv: () => ['homeserver', '--config', f.dir],
    problem: /required option '--hs-url <url>' not specified/,
    fix: /add --hs-url \(or set CONFORMANCE_HS_URL\)/,
  },
  {
    name: 'a missing --config',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url],
    problem: /required option '--config <dir>' not specified/,
    fix: /add --config/,
  },
  { name: 'a missing --as-url', argv: () => ['init', '--out', join(root, 'unused')], problem: /required option '--as-url <url>'/, fix: /add --as-url/ },
  {
    name: 'an unknown flag',
    argv: () => [...hs(), '--hs-timeout', '500'],
    problem: /unknown option '--hs-timeout'/,
    fix: /`as-ping-conformance homeserver --help`/,
  },
  { name: 'a stray argument', argv: () => [...hs(), 'extra'], problem: /too many arguments for 'homeserver'/, fix: /every value belongs to a flag/ },
  { name: 'a flag without its value', argv: () => [...hs(), '--hs-timeout-ms'], problem: /option '--hs-timeout-ms <n>' argument missing/, fix: /--help/ },
  {
    name: 'a --hs-url without a scheme',
    argv: () => ['homeserver', '--hs-url', '127.0.0.1:8008', '--config', f.dir],
    problem: /'127\.0\.0\.1:8008' is not a URL/,
    fix: /--help/,
  },
  {
    name: 'a --hs-url host:port',
    argv: () => ['homeserver', '--hs-url', 'localhost:8008', '--config', f.dir],
    problem: /must be an http:\/\/ or https:\/\/ URL, e.g\. http:\/\/localhost:8008/,
    fix: /--help/,
  },
  {
    name: 'an --as-url without a scheme',
    argv: () => ['init', '--as-url', '127.0.0.1:9000', '--out', join(root, 'unused')],
    problem: /option '--as-url <url>' argument '127\.0\.0\.1:9000' is invalid/,
    fix: /init --help/,
  },
  { name: 'a zero --hs-timeout-ms', argv: () => [...hs(), '--hs-timeout-ms', '0'], problem: /'0' is not a positive whole number/, fix: /--help/ },
  { name: 'a word for --hs-timeout-ms', argv: () => [...hs(), '--hs-timeout-ms', 'sixty'], problem: /'sixty' is not a positive whole number/, fix: /--help/ },
  {
    name: 'a --hs-timeout-ms in seconds with a unit',
    argv: () => [...hs(), '--hs-timeout-ms', '60s'],
    problem: /'60s' is not a positive whole number/,
    fix: /--help/,
  },
  { name: 'an --hs-timeout-ms past an hour', argv: () => [...hs(), '--hs-timeout-ms', '99999999999'], problem: /more than an hour/, fix: /--help/ },
  {
    name: 'a bad CONFORMANCE_HS_TIMEOUT_MS',
    argv: hs,
    env: { CONFORMANCE_HS_TIMEOUT_MS: '-1' },
    problem: /from env 'CONFORMANCE_HS_TIMEOUT_MS' is invalid/,
    fix: /--help/,
  },
  { name: 'a --listen without a port', argv: () => [...hs(), '--listen', '127.0.0.1'], problem: /'127\.0\.0\.1' is not HOST:PORT/, fix: /--help/ },
  {
    name: 'a --listen port out of range',
    argv: () => [...hs(), '--listen', '127.0.0.1:70000'],
    problem: /is not HOST:PORT with a port from 1 to 65535/,
    fix: /--help/,
  },
  { name: 'a --spec-version without the v', argv: () => [...hs(), '--spec-version', '1.7'], problem: /'1\.7' is not a spec version like v1\.7/, fix: /--help/ },
  {
    name: 'a misspelt required flag',
    argv: () => ['homeserver', '--hs-ulr', f.homeserver.url, '--config', f.dir],
    problem: /^unknown option '--hs-ulr' \(Did you mean --hs-url\?\)$/,
    fix: /`as-ping-conformance homeserver --help`/,
  },
  {
    name: 'a CONFORMANCE_STRICT that is not a boolean',
    argv: hs,
    env: { CONFORMANCE_STRICT: 'yes-please' },
    problem: /^CONFORMANCE_STRICT is not a boolean$/,
    fix: /set CONFORMANCE_STRICT to true or false \(or 1\/0, yes\/no, on\/off; empty is false\)/,
  },
  { name: 'an unknown --report format', argv: () => [...hs(), '--report', 'pdf=out.pdf'], problem: /'pdf=out\.pdf' is not FORMAT=FILE/, fix: /--help/ },
  {
    name: 'one file for two --report formats',
    argv: () => [...hs(), '--report', `json=${join(root, 'r.out')}`, '--report', `junit=${join(root, 'r.out')}`],
    problem: /r\.out is given for both json and junit; give each format its own file/,
    fix: /--help/,
  },
  {
    name: 'two files for one --report format',
    argv: () => [...hs(), '--report', `json=${join(root, 'a.json')},json=${join(root, 'b.json')}`],
    problem: /json is given two files, .*a\.json and .*b\.json/,
    fix: /--help/,
  },
  {
    name: 'a --report file under a file',
    argv: () => [...hs(), '--report', `json=${join(f.file, 'report.json')}`],
    problem: /cannot write the json report to .*a-file\/report\.json: .*a-file is not a directory/,
    fix: /a directory you can write to/,
  },
  {
    name: 'a --report file that is a directory',
    argv: () => [...hs(), '--report', `html=${root}`],
    problem: /cannot write the html report to .*: it is a directory/,
    fix: /a directory you can write to/,
  },
  {
    name: '--only with an unknown id',
    argv: () => [...hs(), '--only', 'HS-PING-OK,HS-PING-NOPE'],
    problem: /--only: no homeserver check 'HS-PING-NOPE'/,
    fix: /as-ping-conformance list/,
  },
  { name: 'an unknown --variant', argv: () => ['reference', '--variant', 'no-such-bug'], problem: /no homeserver variant 'no-such-bug'/, fix: /choose one of/ },
  // Configuration
  {
    name: 'a --config dir without the config file',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.noConfigFile],
    problem: /no as-ping-conformance\.json in .*no-config-file/,
    fix: /run `as-ping-conformance init/,
  },
  {
    name: 'a --config that is a file',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.file],
    problem: /no as-ping-conformance\.json in .*a-file/,
    fix: /init/,
  },
  {
    name: 'a config file that is not JSON',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.badJson],
    problem: /as-ping-conformance\.json is not valid JSON/,
    fix: /init/,
  },
  {
    name: 'a registration that is not YAML',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.badYaml],
    problem: /registration .*as-ping-conformance\.yaml is not valid YAML/,
    fix: /init/,
  },
  {
    name: 'a registration without tokens',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.noTokens],
    problem: /'as_token' must be a non-empty string/,
    fix: /application-service-api\/#registration/,
  },
  {
    name: 'an unreadable registration',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.unreadable],
    problem: /cannot read registration .*no-url\.yaml: EISDIR/,
    fix: /check the path/,
  },
  {
    name: 'a registration the config lists but that is gone',
    argv: () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.missingRegistration],
    problem: /cannot read registration .*unreachable\.yaml: ENOENT/,
    fix: /check the path/,
  },
  {
    name: 'init over a config whose tokens may be registered',
    argv: () => ['init', '--as-url', 'http://127.0.0.1:9000', '--out', f.dir],
    problem: /already holds a config/,
    fix: /--force/,
  },
  {
    name: 'init into a file',
    argv: () => ['init', '--as-url', 'http://127.0.0.1:9000', '--out', f.file],
    problem: /cannot write the config to .*a-file/,
    fix: /a directory you can write to/,
  },
  // Target and machine
  {
    name: 'an unreachable homeserver',
    argv: () => ['homeserver', '--hs-url', `http://127.0.0.1:${f.closedPort}`, '--config', f.dir],
    problem: /no answer from the homeserver at .*: fetch failed \(ECONNREFUSED\)/,
    fix: /check --hs-url/,
  },
  {
    name: 'a homeserver on a port fetch refuses',
    argv: () => ['homeserver', '--hs-url', 'http://127.0.0.1:1', '--config', f.dir],
    problem: /bad port: fetch never connects to this port/,
    fix: /check --hs-url/,
  },
  {
    name: 'a target that does not advertise v1.7',
    argv: () => ['homeserver', '--hs-url', f.oldHomeserver.url, '--config', f.dir],
    problem: /not applicable: the target advertises only v1\.6, and the ping needs v1\.7/,
    fix: /--assume-version v1\.7/,
  },
  {
    name: 'a --listen address of another machine',
    argv: () => [...hs(), '--listen', '192.0.2.1:9000', '--only', 'HS-PING-OK'],
    problem: /the stub appservice cannot listen on 192\.0\.2\.1:9000: EADDRNOTAVAIL/,
    fix: /an address of this machine/,
  },
]

describe('a wrong invocation exits 2 with one line naming the problem and the fix', () => {
  it.each(cases)('$name', async ({ argv, problem, fix, env }) => {
    const saved = Object.fromEntries(Object.keys(env ?? {}).map((k) => [k, process.env[k]]))
    Object.assign(process.env, env)
    const run = await runMain(argv()).finally(() => {
      for (const [k, v] of Object.entries(saved)) {
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- delete is how a variable leaves process.env
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    })
    expect(run.code, run.stderr).toBe(2)
    const lines = run.stderr.split('\n')
    expect(lines, run.stderr).toHaveLength(2) // the line and its newline
    const m = /^as-ping-conformance: (.+)\. Fix: (.+)\.$/.exec(lines[0]!)
    expect(m, lines[0]).not.toBeNull()
    expect(m![1]).toMatch(problem)
    expect(m![2]).toMatch(fix)
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false)
    for (const token of [...configTokens(f.config), ...(await tokensOf(argv()))]) expect(run.stderr + run.stdout).not.toContain(token)
    // Only `as-ping-conformance` alone prints something else: the help, on stdout.
    if (argv().length > 0) expect(run.stdout).toBe('')
  })

  it('the port in use: the stub cannot listen where the registration points', async () => {
    const blocker: Server = createServer()
    const port = Number(new URL(f.config.asUrl).port)
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      const run = await runMain([...hs(), '--only', 'HS-PING-OK'])
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toBe(
        `as-ping-conformance: the stub appservice cannot listen on 127.0.0.1:${port}: EADDRINUSE. Fix: stop whatever uses that port, or re-run init with another --as-url and pass --listen.\n`,
      )
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})

it('checks --report paths without creating anything: a run refused for another reason leaves no file behind', async () => {
  const report = join(root, 'not-yet', 'report.json')
  const run = await runMain([...hs(), '--report', `json=${report}`, '--only', 'HS-PING-NOPE'])
  expect(run.stderr).toMatch(/no homeserver check 'HS-PING-NOPE'/)
  await expect(stat(join(root, 'not-yet'))).rejects.toThrow(/ENOENT/)
})

describe('an appservice started with --spawn that cannot be graded exits 2 with one line', () => {
  const spawnRun = (asUrl: string, command: string) =>
    runMain(['appservice', '--as-url', asUrl, '--hs-token', 'hs_not_a_real_token', '--spawn', command, '--wait-for-ping', '10'])
  // A command that listens where it is told, then ends at once: it never pings.
  const listensThenEnds = `"${process.execPath}" -e "require('node:net').createServer().listen(Number(process.env.CONFORMANCE_AS_PORT), '127.0.0.1', function () { setTimeout(function () { process.exit(3) }, 200) })"`

  it('its port already taken by something else: that would be graded in its place', async () => {
    const blocker: Server = createServer()
    const port = await freePort()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      const run = await spawnRun(`http://127.0.0.1:${port}`, listensThenEnds)
      expect(run.code, run.stderr).toBe(2)
      expect(run.stderr).toBe(
        `as-ping-conformance: something already listens on http://127.0.0.1:${port}, where the appservice started with --spawn is to listen. Fix: stop whatever listens there, or point --as-url at a free port.\n`,
      )
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('it listens, then ends before it pings: there is no appservice left to grade', async () => {
    const run = await spawnRun(`http://127.0.0.1:${await freePort()}`, listensThenEnds)
    expect(run.code, run.stderr).toBe(2)
    expect(run.stderr).toMatch(
      /^as-ping-conformance: the appservice started with --spawn ended \(exit code 3\) before it pinged the homeserver at http:\/\/127\.0\.0\.1:\d+\. Fix: run the command by hand to see why it stops .*\.\n$/,
    )
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false)
  })
})

/** The tokens of the config an invocation points at, if any: none may be printed. */
async function tokensOf(argv: readonly string[]): Promise<string[]> {
  const dir = argv[argv.indexOf('--config') + 1]
  if (!argv.includes('--config') || !dir) return []
  return loadConformanceConfig(dir).then(configTokens, () => [])
}

describe('as a real process', () => {
  it.each([
    ['an unknown flag', () => ['homeserver', '--hs-url', 'http://127.0.0.1:9', '--config', f.dir, '--bogus']],
    ['a registration that is not YAML', () => ['homeserver', '--hs-url', f.homeserver.url, '--config', f.broken.badYaml]],
    ['a timeout Node could not even set', () => [...hs(), '--hs-timeout-ms', '99999999999']],
  ])('%s: one line on the real stderr, nothing else', async (_name, argv) => {
    const run = await runCli(argv())
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^as-ping-conformance: .+\. Fix: .+\.\n$/)
    expect(hasStackTrace(run.stderr)).toBe(false)
  })
})
