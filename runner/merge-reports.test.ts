import { describe, expect, it } from 'vitest'
import { UsageError } from '../harness/usage-error.js'
import { sampleReport, sampleResult } from '../test/support/sample-report.js'
import { buildRunReport } from './build-run-report.js'
import { mergeReports } from './merge-reports.js'
import { parseRunReport } from './parse-run-report.js'

const shard = (index: number, results: ReturnType<typeof sampleResult>[], startedAt: string) => sampleReport({ shard: { index, count: 2 } }, results, startedAt)

describe('mergeReports', () => {
  const one = shard(1, [sampleResult('HS-PING-OK', 'pass'), sampleResult('HS-PING-NO-UNSOLICITED', 'pass')], '2026-01-02T03:00:00.000Z')
  const two = shard(
    2,
    [sampleResult('HS-PING-BAD-STATUS', 'fail'), sampleResult('HS-PING-NO-UNSOLICITED', 'warn', { message: '1 ping(s) reached the stub' })],
    '2026-01-02T03:00:10.000Z',
  )

  it('makes one run of the shards: results in registry order, a check run in several shards graded by its worst', () => {
    const { outcome, facts } = mergeReports([
      { file: 'b.json', report: two },
      { file: 'a.json', report: one },
    ])
    const merged = buildRunReport(outcome, facts)
    expect(merged.results.map((r) => [r.id, r.status])).toEqual([
      ['HS-PING-OK', 'pass'],
      ['HS-PING-BAD-STATUS', 'fail'],
      ['HS-PING-NO-UNSOLICITED', 'warn'],
    ])
    expect(merged.summary).toEqual({ pass: 1, fail: 1, warn: 1, skip: 0, total: 3 })
    expect(merged.exitCode).toBe(1)
    expect(merged.startedAt).toBe('2026-01-02T03:00:00.000Z')
    expect(merged.durationMs).toBe(10_000 + 61_500)
    expect(merged.mergedFrom?.map((m) => m.shard?.index)).toEqual([2, 1])
    expect(merged.shard).toBeUndefined()
    expect(merged.provenance?.config['hs-url']).toBe('https://hs.example')
  })

  it("attributes consequences across shards, and a dependency's cause only to an owner whose failure shows it", () => {
    const spelling = { checkId: 'HS-PING-BAD-STATUS', reason: 'its only fault is the spelling', cause: 'unstable-errcode-spelling' }
    const merged = (ownerCauses: string[] | undefined) => {
      const owner = sampleResult('HS-PING-BAD-STATUS', 'fail', ownerCauses ? { causes: ownerCauses } : {})
      // Through the JSON file merge reads, as a shard's report is.
      const viaJson = (report: typeof one) => parseRunReport(JSON.stringify(report), 'shard.json')
      const { outcome, facts } = mergeReports([
        { file: 'a.json', report: viaJson(shard(1, [owner], '2026-01-02T03:00:00.000Z')) },
        {
          file: 'b.json',
          report: viaJson(shard(2, [sampleResult('HS-PING-CONNECTION-REFUSED', 'fail', { dependsOn: spelling })], '2026-01-02T03:00:10.000Z')),
        },
      ])
      return buildRunReport(outcome, facts).results.find((r) => r.id === 'HS-PING-CONNECTION-REFUSED')
    }
    expect(merged(['unstable-errcode-spelling'])).toMatchObject({ status: 'skip', consequenceOf: 'HS-PING-BAD-STATUS' })
    // HS-PING-BAD-STATUS failed for another reason (a 500 for a 502): two root causes, two failures.
    expect(merged(undefined)).toMatchObject({ status: 'fail' })
    expect(merged(undefined)?.consequenceOf).toBeUndefined()
  })

  it('refuses an incomplete or repeated set of shards, and reports of other targets', () => {
    const message = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError)
        return (e as Error).message
      }
      return 'no error'
    }
    expect(message(() => mergeReports([{ file: 'a.json', report: one }]))).toBe('shard 2/2 missing')
    expect(
      message(() =>
        mergeReports([
          { file: 'a.json', report: one },
          { file: 'a2.json', report: one },
        ]),
      ),
    ).toMatch(/shard 1\/2 is given twice/)
    const elsewhere = { ...two, target: { url: 'https://other.example', versions: [] } }
    expect(
      message(() =>
        mergeReports([
          { file: 'a.json', report: one },
          { file: 'b.json', report: elsewhere },
        ]),
      ),
    ).toMatch(/has target https:\/\/other\.example/)
    const unstableTwo = { ...two, dialect: 'unstable' as const }
    expect(
      message(() =>
        mergeReports([
          { file: 'a.json', report: one },
          { file: 'b.json', report: unstableTwo },
        ]),
      ),
    ).toBe('b.json has ping endpoints unstable, but a.json has stable')
  })

  it("keeps the shards' unstable dialect: the merged report says it graded MSC2659's unstable endpoints", () => {
    const unstable = (report: typeof one) => sampleReport({ dialect: 'unstable', shard: report.shard! }, report.results, report.startedAt)
    const { outcome, facts } = mergeReports([
      { file: 'a.json', report: unstable(one) },
      { file: 'b.json', report: unstable(two) },
    ])
    expect(buildRunReport(outcome, facts)).toMatchObject({ dialect: 'unstable', endpoints: { ping: 'POST /_matrix/app/unstable/fi.mau.msc2659/ping' } })
  })
})
