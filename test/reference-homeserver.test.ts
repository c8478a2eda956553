import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gradedOnlyInOtherModes } from '../fixtures/support/graded-only-in-other-modes.js'
import { homeserverRequirements } from '../harness/requirements/homeserver-requirements.js'
import { runCli } from './support/run-cli.js'

/**
 * The reference homeserver's appservice timeout for these runs: longer than `reference`'s 1.5 s,
 * because on a loaded shared machine a correct ping's round trip has taken 1.8 s, which a 1.5 s
 * timeout turns into a spurious 504. It only lengthens the wait in HS-PING-TIMEOUT, not the CPU.
 */
const hsTimeoutMs = 5_000

const tempDirs: string[] = []
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

// `npm start`: the whole homeserver suite against the built-in reference homeserver, as a user runs it.
describe('the reference homeserver', () => {
  it('passes every check, exits 0, and says so in the documented JSON report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-reference-'))
    tempDirs.push(dir)
    const file = join(dir, 'report.json')
    const run = await runCli(['reference', '--hs-timeout-ms', String(hsTimeoutMs), '--report', `json=${file}`])
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0)
    expect(run.stderr).toBe('')

    const report = JSON.parse(await readFile(file, 'utf8'))
    expect(report).toMatchObject({
      format: 'as-ping-conformance-report',
      version: 1,
      tool: { name: 'as-ping-conformance', version: expect.any(String) },
      role: 'homeserver',
      target: { url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), versions: expect.any(Array) },
      specVersion: expect.stringMatching(/^v1\.\d+$/),
      startedAt: expect.any(String),
      durationMs: expect.any(Number),
      summary: { pass: expect.any(Number), fail: 0, warn: 0, skip: 0, total: expect.any(Number) },
      exitCode: 0,
    })
    expect(new Date(report.startedAt).toISOString()).toBe(report.startedAt)

    const results: Record<string, unknown>[] = report.results
    for (const result of results) {
      expect(result, String(result.id)).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        level: expect.stringMatching(/^(MUST|SHOULD|INFO)$/),
        status: 'pass',
        spec: expect.stringMatching(/^https:\/\//),
      })
      if ('message' in result) expect(result.message, String(result.id)).toEqual(expect.any(String))
    }
    // Every check a normal run grades, once each: none silently missing.
    const graded = homeserverRequirements.map((r) => r.id).filter((id) => !(id in gradedOnlyInOtherModes))
    expect(results.map((r) => r.id).sort()).toEqual([...graded].sort())
    expect(report.summary).toEqual({ pass: results.length, fail: 0, warn: 0, skip: 0, total: results.length })
    expect(run.stdout).toContain(`Summary: ${results.length} checks: ${results.length} passed, 0 failed, 0 warned, 0 skipped`)
  })
})
