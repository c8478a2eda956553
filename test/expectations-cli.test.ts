import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { parseExpectations } from '../runner/expectations.js'
import { runCli } from './support/run-cli.js'

describe('--expectations and --baseline on the command line', () => {
  it('fails the run on an unexpected pass, and --update-expectations rewrites the file from the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-expect-'))
    const file = join(dir, 'expectations.yaml')
    await writeFile(file, '# staging\nHS-PING-OK:\n  expect: fail\n  reason: "hs#1: duration_ms missing"\n')
    const args = ['reference', '--only', 'HS-PING-OK', '--expectations', file, '--report', `json=${join(dir, 'r.json')}`]
    const unexpected = await runCli(args)
    expect(unexpected.code).toBe(1)
    expect(unexpected.stdout).toContain('✗ HS-PING-OK  [MUST]  UNEXPECTED PASS')
    expect(unexpected.stdout).toContain('Expectations file: expect fail — "hs#1: duration_ms missing". It passed: remove the entry.')
    expect(unexpected.stdout).toContain('UNEXPECTED PASSES (remove their entries): HS-PING-OK')

    const updated = await runCli([...args, '--update-expectations'])
    expect(updated.code).toBe(0)
    const rewritten = await readFile(file, 'utf8')
    expect(rewritten).toMatch(/^# staging\n/)
    expect(parseExpectations(rewritten, file)).toEqual({})

    // The baseline is the failing run: the check now passes, and only new failures would fail the run.
    const compared = await runCli(['reference', '--only', 'HS-PING-OK', '--baseline', join(dir, 'r.json'), '--fail-on', 'regressions'])
    expect(compared.code).toBe(0)
    expect(compared.stdout).toMatch(/Baseline \(.*r\.json, run of .*\): 0 newly failing; 0 newly passing; 0 changed/)
  })

  it('refuses a bad expectations or baseline file before running anything (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-expect-'))
    await writeFile(join(dir, 'bad.yaml'), 'HS-PING-OK:\n  expect: fail\n')
    await writeFile(join(dir, 'bad.json'), '{"format":"something else"}')
    const errors: string[] = []
    const output = { out: () => undefined, err: (t: string) => void errors.push(t) }
    expect(await main(['merge', join(dir, 'bad.json')], output)).toBe(2)
    expect(await main(['merge', join(dir, 'bad.json'), '--expectations', join(dir, 'bad.yaml')], output)).toBe(2)
    expect(await main(['merge', join(dir, 'bad.json'), '--update-expectations'], output)).toBe(2)
    expect(errors).toEqual([
      expect.stringMatching(/bad\.json is not an as-ping-conformance report\. Fix: /),
      expect.stringMatching(/expectations file .*bad\.yaml: HS-PING-OK: reason is mandatory\. Fix: /),
      expect.stringMatching(/--update-expectations needs --expectations FILE\. Fix: /),
    ])
  })
})
