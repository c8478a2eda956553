import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './support/run-cli.js'

const tempDirs: string[] = []
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

// As a GitHub Actions step runs it: the runner sets GITHUB_ACTIONS and names the step's summary file.
describe('a run in GitHub Actions', () => {
  it('annotates its failure and its warning, and appends the Markdown report to the job summary', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-github-'))
    tempDirs.push(dir)
    const summary = join(dir, 'step-summary.md')
    await writeFile(summary, 'an earlier step wrote this\n')
    // HS-PING-BAD-STATUS fails (MUST), HS-PING-BAD-STATUS-FIELDS warns (SHOULD), HS-PING-OK passes.
    const only = 'HS-PING-OK,HS-PING-BAD-STATUS,HS-PING-BAD-STATUS-FIELDS'
    const run = await runCli(['reference', '--role', 'homeserver', '--variant', 'bad-status-as-connection-failed', '--hs-timeout-ms', '5000', '--only', only], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    })
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)

    const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'))
    expect(commands).toEqual([
      expect.stringMatching(/^::error title=HS-PING-BAD-STATUS::\[MUST\] FAIL: \S/),
      expect.stringMatching(/^::warning title=HS-PING-BAD-STATUS-FIELDS::\[SHOULD\] WARN: \S/),
    ])

    const written = await readFile(summary, 'utf8')
    expect(written.startsWith('an earlier step wrote this\n## as-ping-conformance: ❌ DOES NOT CONFORM\n')).toBe(true)
    expect(written).toMatch(/<details><summary>❌ <code>HS-PING-BAD-STATUS<\/code> \[MUST\] FAIL: /)
  })
})
