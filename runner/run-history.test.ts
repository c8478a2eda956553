import { describe, expect, it } from 'vitest'
import { UsageError } from '../harness/usage-error.js'
import { sampleReport, sampleResult } from '../test/support/sample-report.js'
import type { CheckStatus } from './check-result.js'
import { historyEntry, historyLine, historyTrend, parseHistory } from './run-history.js'

/** A run's history line whose one check had this status. */
function run(startedAt: string, statuses: Record<string, CheckStatus>, role: 'homeserver' | 'appservice' = 'homeserver') {
  const results = Object.entries(statuses).map(([id, status]) => sampleResult(id, status))
  return { ...historyEntry(sampleReport({}, results, startedAt)), role }
}

describe('run history', () => {
  it("is one JSON line a run: the summary, each check's status, the report's provenance with its secrets as fingerprints", () => {
    const report = sampleReport()
    const line = historyLine(report)
    expect(line.endsWith('\n')).toBe(true)
    expect(line.slice(0, -1)).not.toContain('\n')
    const entry = JSON.parse(line) as ReturnType<typeof historyEntry>
    expect(entry).toMatchObject({ format: 'as-ping-conformance-history', version: 1, startedAt: report.startedAt, role: 'homeserver', verdict: report.verdict })
    expect(entry.summary).toEqual(report.summary)
    expect(entry.checks).toEqual(Object.fromEntries(report.results.map((r) => [r.id, r.status])))
    expect(entry.provenance).toEqual(report.provenance)
    expect(line).toContain('<user_token#abcdef>')
    // No transcript: the exchanges stay in the report.
    expect(line).not.toContain('Authorization')
    expect(parseHistory(line + line, 'h.jsonl')).toEqual([entry, entry])
  })

  it('refuses a line that is not a history entry, naming the file and the line', () => {
    const good = historyLine(sampleReport())
    expect(() => parseHistory(`${good}\nnot json\n`, 'h.jsonl')).toThrow(/^h\.jsonl line 3 is not JSON$/)
    // A usage error: the CLI prints it as one line and exits 2.
    expect(() => parseHistory('not json', 'h.jsonl')).toThrow(UsageError)
    expect(() => parseHistory(`${good}{"format":"as-ping-conformance-report"}\n`, 'h.jsonl')).toThrow(
      /^h\.jsonl line 2 is not an as-ping-conformance history entry$/,
    )
    expect(() =>
      parseHistory('{"format":"as-ping-conformance-history","version":1,"startedAt":"x","role":"homeserver","checks":{},"summaryByLevel":{}}', 'h'),
    ).toThrow(/line 1 is not/)
  })

  it('marks a check flaky when its graded status changed more than once; a skip neither breaks nor makes a flip', () => {
    const trend = historyTrend([
      // Out of order on purpose: parallel jobs append as they finish.
      run('2026-01-03', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'fail', 'HS-PING-USER-TOKEN': 'pass' }),
      run('2026-01-01', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'pass', 'HS-PING-USER-TOKEN': 'pass' }),
      run('2026-01-02', { 'HS-PING-OK': 'fail', 'HS-PING-BAD-STATUS': 'fail', 'HS-PING-USER-TOKEN': 'skip' }),
      run('2026-01-04', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS': 'fail', 'HS-PING-USER-TOKEN': 'pass' }),
    ])
    // HS-PING-OK pass, fail, pass, pass: 2 flips. HS-PING-BAD-STATUS pass, fail, fail, fail: 1 (a regression, not flaky). HS-PING-USER-TOKEN pass, (skip), pass, pass: steady.
    expect(trend.flaky).toEqual([{ id: 'HS-PING-OK', role: 'homeserver', flips: 2, statuses: ['pass', 'fail', 'pass', 'pass'] }])
    expect(trend.runs).toBe(4)
  })

  it('gives the trend per role, oldest first, as passed of graded per level', () => {
    const trend = historyTrend([
      run('2026-01-02', { 'HS-PING-OK': 'fail', 'HS-PING-BAD-STATUS-FIELDS': 'warn' }),
      run('2026-01-01', { 'HS-PING-OK': 'pass', 'HS-PING-BAD-STATUS-FIELDS': 'pass', 'HS-PING-USER-TOKEN': 'skip' }),
      run('2026-01-01T12:00', { 'AS-PING-OK': 'pass' }, 'appservice'),
    ])
    expect(trend.series.map((s) => s.role)).toEqual(['homeserver', 'appservice'])
    const hs = trend.series[0]!.points
    expect(hs.map((p) => p.startedAt)).toEqual(['2026-01-01', '2026-01-02'])
    expect(hs.map((p) => [p.scores.MUST, p.scores.SHOULD, p.scores.INFO])).toEqual([
      [
        { passed: 1, graded: 1 },
        { passed: 1, graded: 1 },
        { passed: 0, graded: 0 },
      ],
      [
        { passed: 0, graded: 1 },
        { passed: 0, graded: 1 },
        { passed: 0, graded: 0 },
      ],
    ])
  })
})
