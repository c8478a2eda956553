import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../scripts/support/run-cli.js'
import { readReport } from './support/read-report.js'

/**
 * The other tests run the build (test/support/run-cli.ts); this one keeps the clone's own entry,
 * bin/as-ping-conformance.js (the TypeScript sources through tsx, as the scripts and a developer
 * without a build run it), proven: a whole reference appservice run, whose reference appservice is
 * then started from its sources too (`node --import tsx …/main.ts`).
 */
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-from-sources-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the CLI from its sources (bin/as-ping-conformance.js)', () => {
  it('answers --version with the package version', async () => {
    const run = await runCli(['--version'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout.trim()).toBe((await import('../package.json', { with: { type: 'json' } })).default.version)
  })

  it('runs the reference appservice run, every check passing', async () => {
    const file = join(dir, 'report.json')
    const run = await runCli(['reference', '--role', 'appservice', '--report', `json=${file}`])
    const output = `${run.stdout}\n${run.stderr}`
    expect(run.code, output).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('The target conforms (exit 0).')
    const report = await readReport(file)
    expect(report.role).toBe('appservice')
    expect(report.results.length, output).toBeGreaterThan(5)
    expect(report.results.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}`)).toEqual([])
  })
})
