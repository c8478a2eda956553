import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { renderJsonReport } from '../reports/json-report.js'
import { sampleReport } from './support/sample-report.js'

/** `compare` on the command line, in process: what it writes, and the one line and exit 2 for each bad input. */
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-compare-cli-'))
  await writeFile(join(dir, 'a.json'), renderJsonReport(sampleReport()))
  // A report from before 0.4: no verdict recorded; parseRunReport decides it again.
  const old = JSON.parse(renderJsonReport(sampleReport())) as Record<string, unknown>
  delete old.verdict
  await writeFile(join(dir, 'old.json'), JSON.stringify(old))
  await writeFile(join(dir, 'not-a-report.json'), '{"format":"something else"}')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function compare(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main(['compare', ...args], { out: (t) => void out.push(t), err: (t) => void err.push(t) })
  return { code, out: out.join(''), err: err.join('') }
}

describe('compare on the command line', () => {
  it('labels the columns by file name or --label, reads an old report, and says what it wrote', async () => {
    const md = join(dir, 'out', 'compare.md')
    const run = await compare(join(dir, 'a.json'), '--label', `before=${join(dir, 'old.json')}`, '--report', `markdown=${md}`)
    expect(run).toEqual({
      code: 0,
      out: `Compared 2 reports (a, before): 5 checks, 0 where they disagree. Wrote ${md}.\n`,
      err: '',
    })
    const text = await readFile(md, 'utf8')
    expect(text).toContain('| Passed of graded | a | before |')
    expect(text).toContain('| Verdict | does-not-conform | does-not-conform |')
  })

  it.each([
    {
      args: () => [join(dir, 'not-a-report.json'), '--report', `html=${join(dir, 'x.html')}`],
      line: 'not-a-report.json is not an as-ping-conformance report',
    },
    { args: () => [join(dir, 'missing.json'), '--report', `html=${join(dir, 'x.html')}`], line: 'missing.json: ENOENT' },
    { args: () => [join(dir, 'a.json'), '--report', `json=${join(dir, 'x.json')}`], line: 'compare writes html and markdown, not json' },
    { args: () => [join(dir, 'a.json')], line: 'compare needs --report html=FILE and/or markdown=FILE' },
    { args: () => ['--report', `html=${join(dir, 'x.html')}`], line: 'nothing to compare' },
    {
      args: () => [join(dir, 'a.json'), '--label', `a=${join(dir, 'old.json')}`, '--report', `html=${join(dir, 'x.html')}`],
      line: "two reports are labelled 'a'",
    },
    { args: () => [join(dir, 'a.json'), '--label', 'no-file', '--report', `html=${join(dir, 'x.html')}`], line: "'no-file' is not NAME=FILE" },
  ])('refuses in one line, exit 2: $line', async ({ args, line }) => {
    const run = await compare(...args())
    expect(run.code).toBe(2)
    expect(run.err).toContain(line)
    expect(run.err.trimEnd().split('\n')).toHaveLength(1)
    expect(run.err).toMatch(/^as-ping-conformance: .*Fix: /)
  })
})
