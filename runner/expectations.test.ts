import { describe, expect, it } from 'vitest'
import { UsageError } from '../harness/usage-error.js'
import { sampleReport, sampleResult, sampleResults } from '../test/support/sample-report.js'
import { applyExpectations, parseExpectations, skippedByExpectations } from './expectations.js'
import { renderExpectations, updateExpectations } from './update-expectations.js'

describe('parseExpectations', () => {
  it('reads entries keyed by check id, with YAML dates as YYYY-MM-DD', () => {
    const entries = parseExpectations(
      'HS-PING-TIMEOUT:\n  expect: fail\n  reason: "hs#12: 502 instead of 504"\n  until: 2026-12-31\nHS-PING-CONCURRENT: { expect: flaky, reason: races }\n',
      'x.yaml',
    )
    expect(entries).toEqual({
      'HS-PING-TIMEOUT': { expect: 'fail', reason: 'hs#12: 502 instead of 504', until: '2026-12-31' },
      'HS-PING-CONCURRENT': { expect: 'flaky', reason: 'races' },
    })
    expect(parseExpectations('', 'empty.yaml')).toEqual({})
  })

  it.each([
    ['HS-NOPE:\n  expect: fail\n  reason: r\n', /HS-NOPE is not a check id/],
    ['HS-PING-OK:\n  expect: fail\n', /reason is mandatory/],
    ['HS-PING-OK:\n  expect: broken\n  reason: r\n', /expect must be one of fail, flaky, skip/],
    ['HS-PING-OK:\n  expect: fail\n  reason: r\n  until: next week\n', /until must be a date/],
    ['HS-PING-OK:\n  expect: fail\n  reason: r\n  issue: 1\n', /unknown key issue/],
    ['- HS-PING-OK\n', /must be a mapping/],
  ])('refuses %j with a one-line reason and fix', (text, message) => {
    let error: unknown
    try {
      parseExpectations(text, 'x.yaml')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toMatch(message)
    expect((error as UsageError).remedy).toBeTruthy()
  })
})

describe('expectations decide the exit code', () => {
  const today = '2026-01-02'

  it('an expected failure does not fail the run', () => {
    const report = sampleReport({ expectations: { file: 'x', entries: { 'HS-PING-BAD-STATUS': { expect: 'fail', reason: 'known' } }, skipped: [] } })
    expect(report.results.find((r) => r.id === 'HS-PING-BAD-STATUS')).toMatchObject({ status: 'fail', failsRun: false, expected: { verdict: 'as-expected' } })
    expect(report.exitCode).toBe(0)
    expect(report.expectations).toMatchObject({ asExpected: ['HS-PING-BAD-STATUS'], unexpectedPasses: [], expired: [] })
  })

  it('an unexpected pass fails the run, so the file cannot rot', () => {
    const report = sampleReport({
      expectations: {
        file: 'x',
        entries: { 'HS-PING-BAD-STATUS': { expect: 'fail', reason: 'known' }, 'HS-PING-OK': { expect: 'fail', reason: 'fixed since' } },
        skipped: [],
      },
    })
    expect(report.results.find((r) => r.id === 'HS-PING-OK')).toMatchObject({ status: 'pass', failsRun: true, expected: { verdict: 'unexpected-pass' } })
    expect(report.exitCode).toBe(1)
    expect(report.expectations?.unexpectedPasses).toEqual(['HS-PING-OK'])
  })

  it('an entry past its until date fails the run, whatever the check did', () => {
    const entries = { 'HS-PING-BAD-STATUS': { expect: 'fail' as const, reason: 'known', until: '2026-01-01' } }
    const report = sampleReport({ expectations: { file: 'x', entries, skipped: [] } })
    expect(report.results.find((r) => r.id === 'HS-PING-BAD-STATUS')).toMatchObject({ failsRun: true, expected: { verdict: 'expired' } })
    expect(report.exitCode).toBe(1)
    // The last day itself still holds.
    const onTheDay = sampleReport({
      expectations: { file: 'x', entries: { 'HS-PING-BAD-STATUS': { ...entries['HS-PING-BAD-STATUS'], until: '2026-01-02' } }, skipped: [] },
    })
    expect(onTheDay.exitCode).toBe(0)
  })

  it('flaky tolerates either outcome; skip is not run and reported as skipped', () => {
    const entries = {
      'HS-PING-BAD-STATUS': { expect: 'flaky' as const, reason: 'races' },
      'HS-PING-TIMEOUT': { expect: 'skip' as const, reason: 'takes 60 s' },
    }
    expect(skippedByExpectations(entries, ['HS-PING-OK', 'HS-PING-TIMEOUT'], today)).toEqual(['HS-PING-TIMEOUT'])
    const results = applyExpectations(sampleResults(), entries, { today, skipped: ['HS-PING-TIMEOUT'] })
    expect(results.find((r) => r.id === 'HS-PING-TIMEOUT')).toMatchObject({
      status: 'skip',
      message: 'skipped by the expectations file: takes 60 s',
      expected: { verdict: 'as-expected' },
    })
    expect(sampleReport({ expectations: { file: 'x', entries, skipped: ['HS-PING-TIMEOUT'] } }).exitCode).toBe(0)
  })

  it('an expired skip entry runs the check again', () => {
    expect(skippedByExpectations({ 'HS-PING-TIMEOUT': { expect: 'skip', reason: 'r', until: '2025-12-31' } }, ['HS-PING-TIMEOUT'], today)).toEqual([])
  })
})

describe('--update-expectations', () => {
  it('adds new failures with a placeholder reason, removes entries that passed, keeps the rest and the comments', () => {
    const previous =
      '# known problems of our staging server\nHS-PING-OK:\n  expect: fail # fixed in 1.2\n  reason: was broken\nHS-PING-TIMEOUT:\n  expect: skip\n  reason: slow\n'
    const entries = parseExpectations(previous, 'x.yaml')
    const report = sampleReport({ expectations: { file: 'x', entries, skipped: [] } })
    const update = updateExpectations(entries, report.results, { strict: false, today: '2026-01-02' })
    expect(update.added).toEqual(['HS-PING-BAD-STATUS'])
    expect(update.removed).toEqual(['HS-PING-OK'])
    const text = renderExpectations(update, previous, 'yaml')
    expect(text).toContain('# known problems of our staging server')
    expect(text).not.toContain('HS-PING-OK')
    const again = parseExpectations(text, 'x.yaml')
    expect(again).toEqual({
      'HS-PING-TIMEOUT': { expect: 'skip', reason: 'slow' },
      'HS-PING-BAD-STATUS': { expect: 'fail', reason: 'TODO: say why (added by --update-expectations on 2026-01-02)' },
    })
    // Graded by the updated file, the same run passes.
    expect(sampleReport({ expectations: { file: 'x', entries: again, skipped: [] } }).exitCode).toBe(0)
  })

  it('adds warnings only under --strict, where they fail the run', () => {
    const results = [sampleResult('HS-PING-BAD-STATUS-FIELDS', 'warn')]
    expect(updateExpectations({}, results, { strict: false, today: '2026-01-02' }).added).toEqual([])
    expect(updateExpectations({}, results, { strict: true, today: '2026-01-02' }).added).toEqual(['HS-PING-BAD-STATUS-FIELDS'])
  })

  it('writes JSON for a .json file', () => {
    const update = updateExpectations({}, [sampleResult('HS-PING-OK', 'fail')], { strict: false, today: '2026-01-02' })
    expect(JSON.parse(renderExpectations(update, undefined, 'json'))).toEqual({ 'HS-PING-OK': { expect: 'fail', reason: expect.stringContaining('TODO') } })
  })
})
