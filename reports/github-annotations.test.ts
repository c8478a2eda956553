import { describe, expect, it } from 'vitest'
import type { HarnessProblem } from '../runner/harness-problem.js'
import { sampleReport, sampleResult } from '../test/support/sample-report.js'
import { renderGithubAnnotations } from './github-annotations.js'

/** A run that could not give a verdict because of this fault. */
const reportWithProblem = (problem: HarnessProblem) => sampleReport({}, [], undefined, [problem])

describe('GitHub Actions annotations', () => {
  it('give one line per failure and warning, with the check id as title, its level and one-line verdict; nothing for passes and skips', () => {
    expect(renderGithubAnnotations(sampleReport())).toEqual([
      '::error title=HS-PING-BAD-STATUS::[MUST] FAIL: status got 500 want 502',
      "::warning title=HS-PING-BAD-STATUS-FIELDS::[SHOULD] WARN: key 'status' missing",
    ])
  })

  it('warn, not err, of a failure that does not fail the run (an expected one)', () => {
    const report = sampleReport({ expectations: { file: 'e.yaml', entries: { 'HS-PING-BAD-STATUS': { expect: 'fail', reason: 'known' } }, skipped: [] } })
    expect(renderGithubAnnotations(report)[0]).toBe('::warning title=HS-PING-BAD-STATUS::[MUST] EXPECTED FAIL: status got 500 want 502')
  })

  it('err for what kept the run from a verdict', () => {
    expect(renderGithubAnnotations(reportWithProblem({ where: 'suites/homeserver/hs-ping-ok.test.ts', message: 'it crashed' }))).toEqual([
      '::error title=as-ping-conformance%3A no verdict::suites/homeserver/hs-ping-ok.test.ts: it crashed',
    ])
  })

  it('escape what the runner would read as the end of the message or of a property', () => {
    const report = sampleReport({}, [sampleResult('HS-PING-OK', 'fail', { message: '100% lost\rhere\nand on the next line' })])
    expect(renderGithubAnnotations(report)).toEqual(['::error title=HS-PING-OK::[MUST] FAIL: 100%25 lost%0Dhere'])
    // In the message only %, CR and LF are special: a colon or comma there is text.
    expect(renderGithubAnnotations(reportWithProblem({ where: 'a, b: c', message: 'first\nsecond' }))).toEqual([
      '::error title=as-ping-conformance%3A no verdict::a, b: c: first%0Asecond',
    ])
  })
})
