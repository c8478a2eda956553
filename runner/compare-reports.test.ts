import { describe, expect, it } from 'vitest'
import { sampleReport, sampleResult } from '../test/support/sample-report.js'
import type { CheckResult } from './check-result.js'
import { compareReports } from './compare-reports.js'
import { historyTrend, type HistoryEntry } from './run-history.js'

const target = (label: string, results: CheckResult[]) => ({ label, file: `${label}.json`, report: sampleReport({}, results) })

const a = target('a', [
  sampleResult('HS-PING-OK', 'pass'),
  sampleResult('HS-PING-BAD-STATUS', 'pass'),
  sampleResult('HS-PING-BAD-STATUS-FIELDS', 'pass'),
  sampleResult('HS-PING-USER-TOKEN', 'pass'),
])
const b = target('b', [
  sampleResult('HS-PING-OK', 'pass'),
  sampleResult('HS-PING-BAD-STATUS', 'fail', { message: 'status got 500 want 502' }),
  sampleResult('HS-PING-BAD-STATUS-FIELDS', 'warn', { message: "key 'status' missing" }),
  sampleResult('HS-PING-USER-TOKEN', 'skip', { message: 'no --user-token given' }),
])
// Ran only two checks (--only): the checks it did not run are no disagreement.
const c = target('c', [sampleResult('HS-PING-OK', 'pass'), sampleResult('HS-PING-BAD-STATUS', 'skip', { consequenceOf: 'HS-PING-OK', message: 'follows' })])

describe('compareReports', () => {
  it('finds the rows where the targets that ran a check got different outcomes, a consequence being an outcome of its own', () => {
    const comparison = compareReports([a, b, c])
    const rows = comparison.groups.flatMap((g) => g.rows)
    const disagree = Object.fromEntries(rows.map((r) => [r.id, r.disagree]))
    expect(disagree).toEqual({ 'HS-PING-OK': false, 'HS-PING-BAD-STATUS': true, 'HS-PING-BAD-STATUS-FIELDS': true, 'HS-PING-USER-TOKEN': true })
    expect(comparison.disagreements).toBe(3)
    expect(rows.find((r) => r.id === 'HS-PING-BAD-STATUS')!.cells.map((cell) => cell?.outcome)).toEqual(['pass', 'fail', 'consequence'])
    // c never ran HS-PING-USER-TOKEN: its cell is empty, and a and b alone disagree there.
    expect(rows.find((r) => r.id === 'HS-PING-USER-TOKEN')!.cells[2]).toBeUndefined()
    // Two targets that ran it alike agree, whatever a third did not run.
    expect(compareReports([a, target('a2', [sampleResult('HS-PING-USER-TOKEN', 'pass')])]).disagreements).toBe(0)
  })

  it('scores each target per level as passed of graded, skips and consequences not graded', () => {
    const [sa, sb, sc] = compareReports([a, b, c]).targets
    expect(sa!.scores).toEqual({ MUST: { passed: 3, graded: 3 }, SHOULD: { passed: 1, graded: 1 }, INFO: { passed: 0, graded: 0 } })
    expect(sb!.scores).toEqual({ MUST: { passed: 1, graded: 2 }, SHOULD: { passed: 0, graded: 1 }, INFO: { passed: 0, graded: 0 } })
    expect(sc!.total).toEqual({ passed: 1, graded: 1 })
    expect([sa!.label, sb!.verdict, sc!.file]).toEqual(['a', 'does-not-conform', 'c.json'])
  })

  it('groups by endpoint and level in report order, and on request puts the disagreements first in a group of their own', () => {
    const plain = compareReports([a, b])
    expect(plain.groups.map((g) => [g.kind, g.endpoint, g.level, g.rows.map((r) => r.id)])).toEqual([
      ['endpoint-level', 'pingAppservice', 'MUST', ['HS-PING-OK', 'HS-PING-BAD-STATUS', 'HS-PING-USER-TOKEN']],
      ['endpoint-level', 'pingAppservice', 'SHOULD', ['HS-PING-BAD-STATUS-FIELDS']],
    ])
    expect(plain.groups[0]!.endpointTitle).toBe('POST /_matrix/client/v1/appservice/{appserviceId}/ping')
    const first = compareReports([a, b], { disagreementsFirst: true })
    expect(first.groups.map((g) => [g.kind, g.rows.map((r) => r.id)])).toEqual([
      ['disagreements', ['HS-PING-BAD-STATUS', 'HS-PING-BAD-STATUS-FIELDS', 'HS-PING-USER-TOKEN']],
      ['endpoint-level', ['HS-PING-OK']],
    ])
    expect(first.rowCount).toBe(4)
  })

  it('marks the rows the history found flaky', () => {
    const entry = (startedAt: string, status: 'pass' | 'fail'): HistoryEntry => ({
      format: 'as-ping-conformance-history',
      version: 1,
      startedAt,
      durationMs: 1,
      role: 'homeserver',
      target: { url: 'https://hs.example' },
      specVersion: 'v1.12',
      tool: { name: 'as-ping-conformance', version: '0' },
      verdict: 'conforms',
      exitCode: 0,
      summary: { pass: 1, fail: 0, warn: 0, skip: 0, total: 1 },
      summaryByLevel: {
        MUST: { pass: 1, fail: 0, warn: 0, skip: 0 },
        SHOULD: { pass: 0, fail: 0, warn: 0, skip: 0 },
        INFO: { pass: 0, fail: 0, warn: 0, skip: 0 },
      },
      checks: { 'HS-PING-OK': status },
    })
    const history = historyTrend([entry('2026-01-01', 'pass'), entry('2026-01-02', 'fail'), entry('2026-01-03', 'pass')])
    const rows = compareReports([a], { history }).groups.flatMap((g) => g.rows)
    expect(rows.find((r) => r.id === 'HS-PING-OK')!.flaky).toMatchObject({ flips: 2 })
    expect(rows.find((r) => r.id === 'HS-PING-BAD-STATUS')!.flaky).toBeUndefined()
  })
})
