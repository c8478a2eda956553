import { describe, expect, it } from 'vitest'
import { sampleReport, sampleResult, sampleResults } from '../test/support/sample-report.js'

describe('--baseline', () => {
  const baseline = sampleReport({}, [
    sampleResult('HS-PING-OK', 'fail', { message: 'status got 500 want 200' }),
    sampleResult('HS-PING-BAD-STATUS', 'pass'),
    sampleResult('HS-PING-BAD-STATUS-FIELDS', 'warn', { message: "key 'body' missing" }),
    sampleResult('HS-PING-USER-TOKEN', 'pass'),
    sampleResult('HS-PING-EMPTY-BODY', 'pass'),
    sampleResult('HS-PING-TIMEOUT', 'pass'),
  ])

  it('reports newly failing, newly passing and changed checks', () => {
    const report = sampleReport({ baseline: { file: 'last.json', report: baseline } })
    expect(report.baseline).toEqual({
      file: 'last.json',
      startedAt: baseline.startedAt,
      toolVersion: baseline.tool.version,
      newlyFailing: ['HS-PING-BAD-STATUS'],
      newlyPassing: ['HS-PING-OK'],
      changed: ['HS-PING-BAD-STATUS-FIELDS', 'HS-PING-USER-TOKEN'],
      missing: ['HS-PING-TIMEOUT'],
    })
    expect(report.results.find((r) => r.id === 'HS-PING-BAD-STATUS')?.regression).toEqual({ change: 'newly-failing', previous: { status: 'pass' } })
    expect(report.results.find((r) => r.id === 'HS-PING-EMPTY-BODY')?.regression).toBeUndefined()
  })

  it('with --fail-on regressions only new failures fail the run', () => {
    const sameFailure = sampleReport({}, sampleResults())
    expect(sampleReport({ baseline: { file: 'b', report: sameFailure }, failOn: 'regressions' }).exitCode).toBe(0)
    expect(sampleReport({ baseline: { file: 'b', report: sameFailure }, failOn: 'any' }).exitCode).toBe(1)
    expect(sampleReport({ baseline: { file: 'b', report: baseline }, failOn: 'regressions' }).exitCode).toBe(1)
  })

  it('ignores run ids and timings when comparing failure messages', () => {
    const before = sampleReport({}, [sampleResult('HS-PING-OK', 'fail', { message: 'asp-0123abcd.x answered after 12 ms' })])
    const now = sampleReport({ baseline: { file: 'b', report: before } }, [
      sampleResult('HS-PING-OK', 'fail', { message: 'asp-9876fedc.x answered after 15 ms' }),
    ])
    expect(now.baseline?.changed).toEqual([])
  })

  it('without a baseline, --fail-on regressions fails on any failure (every failure is new)', () => {
    expect(sampleReport({ failOn: 'regressions' }).exitCode).toBe(1)
  })
})
