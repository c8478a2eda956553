import { describe, expect, it } from 'vitest'
import { sampleResult } from '../test/support/sample-report.js'
import { buildRunReport, gradeResults } from './build-run-report.js'

const expectations = (entries: Parameters<typeof gradeResults>[1]['expectations']) => ({ specVersion: 'v1.12', strict: false, expectations: entries })
const startedAt = '2026-01-02T03:04:05.000Z'

describe('gradeResults: the verdict of each result, as a run and the library both reach it', () => {
  it('marks each result with its requirement facts and whether it fails the run', () => {
    const [failed, warned] = gradeResults(
      [sampleResult('HS-PING-BAD-STATUS', 'fail'), sampleResult('HS-PING-NO-UNSOLICITED', 'warn')],
      { specVersion: 'v1.12', strict: false },
      startedAt,
    )
    expect([failed?.failsRun, warned?.failsRun]).toEqual([true, false])
    expect(failed?.endpoint).toBe('pingAppservice')
    expect(failed?.since).toBeDefined()
    expect(gradeResults([sampleResult('HS-PING-NO-UNSOLICITED', 'warn')], { specVersion: 'v1.12', strict: true }, startedAt)[0]?.failsRun).toBe(true)
  })

  it('applies the expectations: an expected failure passes the run, an unexpected pass or an expired entry fails it', () => {
    const entry = { expect: 'fail' as const, reason: 'hs#1' }
    const graded = gradeResults(
      [sampleResult('HS-PING-BAD-STATUS', 'fail'), sampleResult('HS-PING-OK', 'pass'), sampleResult('HS-PING-NO-UNSOLICITED', 'warn')],
      expectations({
        file: 'e.yaml',
        skipped: [],
        entries: { 'HS-PING-BAD-STATUS': entry, 'HS-PING-OK': entry, 'HS-PING-NO-UNSOLICITED': { ...entry, until: '2026-01-01' } },
      }),
      startedAt,
    )
    expect(graded.map((r) => [r.expected?.verdict, r.failsRun])).toEqual([
      ['as-expected', false],
      ['unexpected-pass', true],
      ['expired', true],
    ])
  })

  it('is the step buildRunReport takes before the baseline: a run of the same results reaches the same verdicts', () => {
    const results = [sampleResult('HS-PING-BAD-STATUS', 'fail'), sampleResult('HS-PING-OK', 'pass')]
    const facts = { role: 'homeserver' as const, target: { url: 'https://hs.example', versions: [] }, specVersion: 'v1.12', strict: false }
    const report = buildRunReport({ results, problems: [], startedAt, durationMs: 1 }, facts)
    expect(report.results.map((r) => r.failsRun)).toEqual(gradeResults(results, facts, startedAt).map((r) => r.failsRun))
    expect(report.exitCode).toBe(1)
    expect(report.endpoints?.pingAppservice).toMatch(/^POST \/_matrix\/client\/v1\/appservice\/\{appserviceId\}\/ping$/)
  })
})

describe("buildRunReport of an appservice run that pinged MSC2659's unstable path", () => {
  const facts = { role: 'appservice' as const, target: { url: 'http://127.0.0.1:9000', versions: [] }, specVersion: 'v1.7', strict: false }
  const results = [sampleResult('AS-CLIENT-PING-PATH', 'pass')]

  it('says so, and titles the client ping by the unstable path (the suite still calls the appservice on v1)', () => {
    const report = buildRunReport({ results, problems: [], startedAt, durationMs: 1, dialect: 'unstable' }, facts)
    expect(report).toMatchObject({
      dialect: 'unstable',
      dialectNote: expect.stringMatching(
        /^the appservice pinged POST \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/\{appserviceId\}\/ping, MSC2659's unstable endpoint/,
      ),
      endpoints: { pingAppservice: 'POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping', ping: 'POST /_matrix/app/v1/ping' },
    })
  })

  it('says nothing of a run on the v1 endpoints', () => {
    const report = buildRunReport({ results, problems: [], startedAt, durationMs: 1, dialect: 'stable' }, facts)
    expect(report.dialect).toBeUndefined()
    expect(report.dialectNote).toBeUndefined()
    expect(report.endpoints?.pingAppservice).toBe('POST /_matrix/client/v1/appservice/{appserviceId}/ping')
  })
})
