import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MatrixError } from '../fixtures/reference-homeserver/matrix-error.js'
import { referencePingBehaviour, type PingBehaviour } from '../fixtures/reference-homeserver/ping-behaviour.js'
import { startReferenceSetup, type ReferenceSetup } from '../fixtures/reference-homeserver/reference-setup.js'
import { runCli, type CliRun } from './support/run-cli.js'

/**
 * A homeserver that leaks every token it touches: it quotes the access token in its errors, copies
 * the hs_token into the appservice URL's query, and echoes it in M_BAD_STATUS bodies. Whatever it
 * does, no token may reach any output of the suite.
 */
const leakyBehaviour: Partial<PingBehaviour> = {
  authorize(token, ping, state) {
    try {
      return referencePingBehaviour.authorize(token, ping, state)
    } catch (error) {
      if (error instanceof MatrixError) throw new MatrixError(error.status, error.errcode, `${error.error}: ${token ?? '(none)'}`)
      throw error
    }
  },
  buildOutbound(url, appservice, transactionId) {
    const outbound = referencePingBehaviour.buildOutbound(url, appservice, transactionId)
    return { ...outbound, url: `${outbound.url}?access_token=${appservice.hs_token}` }
  },
  answer(result) {
    const answer = referencePingBehaviour.answer(result)
    return answer.status === 200
      ? answer
      : { ...answer, body: { ...(answer.body as Record<string, unknown>), error: `failed with ${JSON.stringify(answer.body)} for as_token-bearing request` } }
  },
  async send(outbound, timeoutMs) {
    const result = await referencePingBehaviour.send(outbound, timeoutMs)
    return result.kind === 'answered' && result.status >= 300 ? { ...result, bodyText: `${result.bodyText} [sent ${outbound.headers.authorization}]` } : result
  },
}

const formats = ['json', 'junit', 'html', 'markdown'] as const

interface Run {
  cli: CliRun
  files: Record<string, string>
  tokens: string[]
}

/** One CLI run with every report format, against a reference homeserver (maybe leaky) started here. */
async function runWithEveryOutput(
  behaviour: Partial<PingBehaviour> | undefined,
  extraArgs: (dir: string) => string[] = () => [],
): Promise<Run & { setup: ReferenceSetup; dir: string }> {
  const setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...(behaviour ? { behaviour } : {}) })
  const dir = await mkdtemp(join(tmpdir(), 'asp-leak-'))
  await writeFile(join(dir, 'user-token'), `${setup.userToken}\n`)
  const report = formats.map((f) => `${f}=${join(dir, `report.${f}`)}`).join(',')
  const cli = await runCli(
    [
      'homeserver',
      '--hs-url',
      setup.homeserver.url,
      '--config',
      setup.config.dir,
      '--listen',
      `127.0.0.1:${setup.listen.port}`,
      '--user-token-file',
      join(dir, 'user-token'),
      '--hs-timeout-ms',
      '1000',
      '--report',
      report,
      ...extraArgs(dir),
    ],
    // As a GitHub Actions step: its annotations (stdout) and job summary (a file) are outputs too.
    { env: { CONFORMANCE_STRICT: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') } },
  )
  const files: Record<string, string> = {}
  for (const name of await readdir(dir)) if (name !== 'user-token') files[name] = await readFile(join(dir, name), 'utf8')
  const r = setup.config.registrations
  const tokens = [r.main, r.noUrl, r.unreachable].flatMap((reg) => [reg.as_token, reg.hs_token]).concat(setup.userToken)
  return { cli, files, tokens, setup, dir }
}

/** Each token whole, and its random part's first 12 characters: a leak need not be complete to be one. */
function leaksIn(text: string, tokens: readonly string[]): string[] {
  return tokens.filter((t) => text.includes(t) || text.includes(t.slice(t.indexOf('_') + 1, t.indexOf('_') + 13)))
}

describe('no token in any output', () => {
  let clean: Awaited<ReturnType<typeof runWithEveryOutput>>
  let leaky: Awaited<ReturnType<typeof runWithEveryOutput>>

  beforeAll(async () => {
    clean = await runWithEveryOutput(undefined)
    await clean.setup.close()
    // The broken run also exercises the expectations file (rewritten) and the baseline comparison.
    leaky = await runWithEveryOutput(leakyBehaviour, (dir) => [
      '--baseline',
      join(clean.dir, 'report.json'),
      '--expectations',
      join(dir, 'expectations.yaml'),
      '--update-expectations',
    ])
  })
  afterAll(() => leaky?.setup.close())

  it('the clean run conforms and writes every report', () => {
    expect(clean.cli.code, `${clean.cli.stdout}\n${clean.cli.stderr}`).toBe(0)
    expect(Object.keys(clean.files).sort()).toEqual(['report.html', 'report.json', 'report.junit', 'report.markdown', 'step-summary.md'])
  })

  it('the leaky run fails, and its failures show the exchanges with fingerprints instead of tokens', () => {
    expect(leaky.cli.code).toBe(0) // graded by the expectations file it just wrote
    const json = JSON.parse(leaky.files['report.json']!)
    expect(json.expectations.updated.added.length).toBeGreaterThan(0)
    expect(json.baseline.changed.length).toBeGreaterThan(0) // now expected failures: changed, not newly failing
    expect(leaky.cli.stdout).toMatch(/<as_token#[0-9a-f]{6}>/)
    expect(leaky.cli.stdout).toMatch(/access_token=<hs_token#[0-9a-f]{6}>/)
    expect(leaky.cli.stdout).toContain('Bearer $AS_TOKEN')
    expect(leaky.cli.stdout).toMatch(/^::(error|warning) title=HS-PING-/m)
  })

  it('holds for stdout, stderr and every file of both runs', () => {
    for (const run of [clean, leaky]) {
      const outputs = { stdout: run.cli.stdout, stderr: run.cli.stderr, ...run.files }
      expect(Object.keys(outputs).length).toBeGreaterThanOrEqual(7)
      for (const [name, text] of Object.entries(outputs)) expect(leaksIn(text, run.tokens), `${name} leaks a token`).toEqual([])
    }
  })
})
