import { createServer } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/http/free-port.js'
import { runCli } from './support/run-cli.js'
import { listening, startServe } from './support/served-process.js'

let root: string
let registrations: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'asp-serve-hs-'))
  registrations = join(root, 'conformance')
  expect((await runCli(['init', '--as-url', `http://127.0.0.1:${await freePort()}`, '--out', registrations])).code).toBe(0)
})
afterAll(() => rm(root, { recursive: true, force: true }))

/** A usage error: exit 2, exactly this one line on stderr, nothing on stdout. */
async function refused(args: string[], line: string): Promise<void> {
  const run = await runCli(['serve', 'homeserver', ...args])
  expect(run.stderr).toBe(`as-ping-conformance: ${line}\n`)
  expect(run.stdout).toBe('')
  expect(run.code).toBe(2)
}

describe('serve homeserver refuses bad input with one line, exit 2', () => {
  it('a registrations directory that does not exist', async () => {
    const missing = join(root, 'nowhere')
    await refused(
      ['--registrations', missing],
      `cannot read the registrations directory ${missing}: ENOENT. Fix: run \`as-ping-conformance init --as-url URL --out DIR\` and pass that DIR.`,
    )
  })

  it('a directory without registrations', async () => {
    const empty = join(root, 'empty')
    await mkdir(empty, { recursive: true })
    await refused(
      ['--registrations', empty],
      `no registration (*.yaml) in ${empty}. Fix: run \`as-ping-conformance init --as-url URL --out DIR\` and pass that DIR.`,
    )
  })

  it('a bad registration file, named', async () => {
    const bad = join(root, 'bad')
    await mkdir(bad, { recursive: true })
    await writeFile(join(bad, 'mine.yaml'), 'id: mine\nurl: http://127.0.0.1:9\nhs_token: h\nsender_localpart: bot\n')
    await refused(
      ['--registrations', bad],
      `registration ${join(bad, 'mine.yaml')}: 'as_token' must be a non-empty string. Fix: see https://spec.matrix.org/v1.7/application-service-api/#registration.`,
    )
  })

  it('an unknown variant, with the name it was likely meant to be', async () => {
    await refused(
      ['--registrations', registrations, '--variant', 'durations-as-string'],
      "no homeserver variant 'durations-as-string' (broken, conformant, hostile). Fix: did you mean duration-as-string.",
    )
  })

  it('a port in use', async () => {
    const blocker = createServer()
    const port = await freePort()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      await refused(
        ['--registrations', registrations, '--listen', `127.0.0.1:${port}`],
        `the homeserver cannot listen on 127.0.0.1:${port}: EADDRINUSE. Fix: stop whatever uses that port, or pass --listen HOST:PORT with a free one.`,
      )
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})

it('a misspelt flag gets the flag it was meant to be, and the help of `serve homeserver`', async () => {
  await refused(
    ['--registraions', registrations],
    "unknown option '--registraions' (Did you mean --registrations?). Fix: see `as-ping-conformance serve homeserver --help`.",
  )
})

it('takes its flags from --config-file too, as every command does', async () => {
  const port = await freePort()
  const file = join(root, 'serve.yaml')
  await writeFile(file, `registrations: ${registrations}\nlisten: 127.0.0.1:${port}\nhs-timeout-ms: 2500\n`)
  const served = await startServe(['homeserver', '--config-file', file])
  expect(served.output()).toMatch(new RegExp(`^Serving the reference homeserver on http://127\\.0\\.0\\.1:${port} .*, appservice timeout 2500 ms; `))
  served.child.kill('SIGTERM')
  expect(await served.ended).toEqual({ code: 0, signal: null })
}, 60_000)

describe('serve homeserver stops cleanly', () => {
  it.each([
    ['SIGTERM', 0],
    ['SIGINT', 130],
  ] as const)(
    'on %s: exit %i, and nothing is left listening',
    async (signal, code) => {
      const port = await freePort()
      const served = await startServe(['homeserver', '--registrations', registrations, '--listen', `127.0.0.1:${port}`])
      expect(served.output()).toMatch(new RegExp(`^Serving the reference homeserver on http://127\\.0\\.0\\.1:${port} with 3 registrations from `))
      // It answers as a homeserver: /versions, the first thing a run asks.
      const versions = await fetch(`http://127.0.0.1:${port}/_matrix/client/versions`)
      expect(((await versions.json()) as { versions: string[] }).versions).toContain('v1.7')
      served.child.kill(signal)
      expect(await served.ended).toEqual({ code, signal: null })
      expect(await listening(port)).toBe(false)
      // Its one line, and nothing after it: no 'interrupted' line, since a server has no run to interrupt.
      expect(served.output().trim().split('\n')).toHaveLength(1)
    },
    60_000,
  )
})
