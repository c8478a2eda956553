import { describe, expect, it } from 'vitest'
import { sampleReport, sampleResult, sampleResults } from '../test/support/sample-report.js'
import type { CheckStatus } from '../runner/check-result.js'
import { renderCheckLine } from './check-line.js'
import { renderConsoleReport } from './console-report.js'
import { consoleStyle } from './console-style.js'

/** The counts a rendering prints on its `Summary:` line, and on its `By level:` line per level. */
function printedCounts(text: string) {
  const summary = /^Summary: (\d+) checks: (\d+) passed, (\d+) failed, (\d+) warned, (\d+) skipped/m.exec(text)
  expect(summary, text).not.toBeNull()
  const [total, pass, fail, warn, skip] = summary!.slice(1).map(Number) as [number, number, number, number, number]
  const byLevel = [...(/^By level: (.*)$/m.exec(text)?.[1] ?? '').matchAll(/(\d+) (passed|failed|warned|skipped)/g)].map((m) => Number(m[1]))
  return { total, pass, fail, warn, skip, byLevelSum: byLevel.reduce((a, b) => a + b, 0) }
}

describe('the console summary', () => {
  const reports = {
    'a mixed run': sampleReport(),
    'a strict run': sampleReport({ strict: true }),
    'a run with an expected failure and an expectation skip': sampleReport({
      expectations: {
        file: 'x.yaml',
        entries: { 'HS-PING-BAD-STATUS': { expect: 'fail', reason: 'known' }, 'HS-PING-NO-UNSOLICITED': { expect: 'skip', reason: 'noisy' } },
        skipped: ['HS-PING-NO-UNSOLICITED'],
      },
    }),
    'a run where a failure is another failure’s consequence': sampleReport({}, [
      ...sampleResults(),
      sampleResult('HS-PING-TIMEOUT', 'fail', { dependsOn: { checkId: 'HS-PING-BAD-STATUS', reason: 'it cannot time out' } }),
    ]),
  }

  it.each(Object.entries(reports))('adds up in %s: passed + failed + warned + skipped = the checks, by status and by level', (_name, report) => {
    const counts = printedCounts(renderConsoleReport(report))
    expect(counts.pass + counts.fail + counts.warn + counts.skip).toBe(counts.total)
    expect(counts.total).toBe(report.results.length)
    expect(counts.byLevelSum).toBe(counts.total)
    expect(counts).toMatchObject({ pass: report.summary.pass, fail: report.summary.fail, warn: report.summary.warn, skip: report.summary.skip })
  })

  it('counts a consequence as skipped, not failed', () => {
    expect(printedCounts(renderConsoleReport(reports['a run where a failure is another failure’s consequence']))).toMatchObject({ fail: 1, skip: 2 })
  })
})

describe('the console report after streamed lines', () => {
  const report = reports()
  function reports() {
    return sampleReport({ expectations: { file: 'x.yaml', entries: { 'HS-PING-OK': { expect: 'fail', reason: 'was broken' } }, skipped: [] } })
  }
  // What each check saw when it finished; HS-PING-EMPTY-BODY was not streamed (graded from the whole run, say).
  const streamed = new Map<string, CheckStatus>([
    ['HS-PING-OK', 'pass'],
    ['HS-PING-BAD-STATUS', 'fail'],
    ['HS-PING-BAD-STATUS-FIELDS', 'warn'],
    ['HS-PING-USER-TOKEN', 'skip'],
  ])
  const text = renderConsoleReport(report, { streamed })

  it('lists only the verdicts the streamed lines do not tell, and still explains every failure', () => {
    expect(text).toContain('✗ HS-PING-OK  [MUST]  UNEXPECTED PASS')
    expect(text).toMatch(/^✓ HS-PING-EMPTY-BODY {2}\[INFO\]/m)
    expect(text).not.toMatch(/^✗ HS-PING-BAD-STATUS {2}\[MUST\] {2}FAIL/m)
    expect(text).not.toMatch(/^- HS-PING-USER-TOKEN/m)
    expect(text).toContain('✗ HS-PING-BAD-STATUS  [MUST · since v1.7]  FAIL:')
    expect(text).not.toContain('as-ping-conformance 0.')
  })

  it('lists nothing under its heading when every streamed line tells its verdict', () => {
    const plain = sampleReport()
    const all = new Map(plain.results.map((r) => [r.id, r.status]))
    expect(renderConsoleReport(plain, { streamed: all })).not.toContain('Weighed after the run')
  })
})

describe('a streamed check line', () => {
  const plain = consoleStyle(false)
  it('says what the check saw, not a verdict the end of the run may change', () => {
    const ok = sampleResult('HS-PING-OK', 'pass')
    expect(renderCheckLine(ok, plain)).toBe(`✓ HS-PING-OK  [MUST]  held  ${ok.title}  12 ms`)
    expect(renderCheckLine(sampleResult('HS-PING-BAD-STATUS', 'fail'), plain)).toMatch(/^✗ HS-PING-BAD-STATUS {2}\[MUST\] {2}did not hold {2}/)
    expect(renderCheckLine(sampleResult('HS-PING-USER-TOKEN', 'skip', { message: 'no --user-token given' }), plain)).toMatch(
      /not run \(no --user-token given\)/,
    )
  })

  it('keeps a fault of the suite’s message for the report, which redacts it', () => {
    const fault = sampleResult('HS-PING-OK', 'skip', {
      message: '[harness] Bearer secret',
      failure: { mismatches: [], expected: '', actual: '', harness: true },
    })
    expect(renderCheckLine(fault, plain)).not.toContain('secret')
  })

  it('colours only when asked', () => {
    expect(renderCheckLine(sampleResult('HS-PING-OK', 'pass'), consoleStyle(true))).toContain('\u001b[32m✓\u001b[39m')
    expect(renderConsoleReport(sampleReport(), { colour: true })).toContain('\u001b[31m')
    expect(renderConsoleReport(sampleReport())).not.toContain('\u001b[')
  })
})
