import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliRun } from './support/run-cli.js'
import { anyToken } from './support/reference-variant-runs.js'

/**
 * --history on real runs: each run appends one line, secrets as fingerprints only; `compare
 * --history` draws the trend and finds the check that flipped twice (the reference, then a variant
 * that fails it, then the reference again: what a server that changes its mind looks like).
 */
const only = 'HS-PING-OK,HS-PING-BAD-STATUS'
let dir: string
let history: string
const runs: CliRun[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-history-'))
  history = join(dir, 'nested', 'history.jsonl')
  const run = (...args: string[]) => runCli(['reference', ...args, '--hs-timeout-ms', '5000', '--history', history])
  // In order: each line is appended when its run ends.
  runs.push(await run('--role', 'homeserver', '--only', only))
  runs.push(await run('--role', 'homeserver', '--variant', 'appservice-failures-as-500', '--only', only))
  runs.push(await run('--only', `${only},AS-PING-OK`))
}, 180_000)

afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined))

describe('--history', () => {
  it('appends one line a run (reference with both roles: one of each), with the statuses and the provenance, and no token', async () => {
    expect(runs.map((r) => r.code)).toEqual([0, 1, 0])
    const text = await readFile(history, 'utf8')
    const lines = text.trimEnd().split('\n')
    const entries = lines.map(
      (l) => JSON.parse(l) as { role: string; verdict: string; checks: Record<string, string>; provenance: { config: Record<string, unknown> } },
    )
    expect(entries.map((e) => [e.role, e.verdict, e.checks])).toEqual([
      ['homeserver', 'conforms', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'pass' }],
      ['homeserver', 'does-not-conform', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'fail' }],
      ['homeserver', 'conforms', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'pass' }],
      ['appservice', 'conforms', { 'AS-PING-OK': 'pass' }],
    ])
    // The user token is in the homeserver run's options: only its fingerprint is kept.
    expect(entries[0]!.provenance.config['user-token']).toMatch(/^<user_token#[0-9a-f]{6}>$/)
    expect(text).not.toMatch(anyToken)
    for (const run of runs) expect(run.stdout + run.stderr).not.toMatch(anyToken)
  })

  it('compare --history draws the trend per role and level and marks the check that flipped twice as flaky', async () => {
    const [html, md] = [join(dir, 'trend.html'), join(dir, 'trend.md')]
    const cli = await runCli(['compare', '--history', history, '--report', `html=${html},markdown=${md}`])
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toContain('1 flaky of 4 runs')
    const page = await readFile(html, 'utf8')
    expect([...page.matchAll(/data-testid="trend-chart" data-role="(\w+)" data-runs="(\d+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ['homeserver', '3'],
      ['appservice', '1'],
    ])
    const mustPoints = /data-role="homeserver"[^]*?<\/svg>/.exec(page)![0].match(/data-level="MUST" data-score="[^"]+"/g)
    expect(mustPoints).toEqual(['data-level="MUST" data-score="2/2"', 'data-level="MUST" data-score="1/2"', 'data-level="MUST" data-score="2/2"'])
    expect(page).toContain('<li><code>HS-PING-BAD-STATUS</code> (homeserver): flaky: 2 flips in 3 graded runs (pass → fail → pass)</li>')
    expect(await readFile(md, 'utf8')).toContain('- `HS-PING-BAD-STATUS` (homeserver): flaky: 2 flips in 3 graded runs (pass → fail → pass)')
  })

  it('refuses a history line that is not one, and a history file that cannot be written, in one line with exit 2', async () => {
    const bad = join(dir, 'bad.jsonl')
    await writeFile(bad, `${(await readFile(history, 'utf8')).split('\n')[0]}\n{"oops": true}\n`)
    const read = await runCli(['compare', '--history', bad, '--report', `html=${join(dir, 'x.html')}`])
    expect([read.code, read.stderr]).toEqual([
      2,
      `as-ping-conformance: ${bad} line 2 is not an as-ping-conformance history entry. Fix: pass a file written by --history FILE.jsonl.\n`,
    ])
    // Before the run: minutes of checks must not end in a history that cannot be written.
    const write = await runCli(['reference', '--role', 'homeserver', '--only', 'HS-PING-OK', '--history', join(bad, 'history.jsonl')])
    expect(write.code).toBe(2)
    expect(write.stderr).toMatch(
      /^as-ping-conformance: cannot append to the history .*history\.jsonl: .*\. Fix: give --history a file in a directory you can write to\.\n$/,
    )
    expect(write.stdout).not.toContain('HS-PING-OK')
  })
})
