import { describe, expect, it } from 'vitest'
import type { CheckResult } from './check-result.js'
import { attributeConsequences } from './consequences.js'

const result = (id: string, status: CheckResult['status'], more: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  level: 'MUST',
  spec: '',
  requirement: '',
  durationMs: 1,
  status,
  message: '',
  ...more,
})
const statuses = (results: readonly CheckResult[]) => results.map((r) => [r.id, r.status, r.consequenceOf])

describe('one root cause, one failure', () => {
  it('reports a dependent check as the consequence of its owner when the owner failed, pass or fail', () => {
    const results = attributeConsequences([
      result('OWNER', 'fail'),
      result('FAILED-TOO', 'fail', { dependsOn: { checkId: 'OWNER', reason: 'r' } }),
      result('PASSED', 'pass', { dependsOn: { checkId: 'OWNER', reason: 'r' } }),
    ])
    expect(statuses(results)).toEqual([
      ['OWNER', 'fail', undefined],
      ['FAILED-TOO', 'skip', 'OWNER'],
      ['PASSED', 'skip', 'OWNER'],
    ])
    expect(results[1]?.message).toBe('not graded on its own: r; see OWNER')
  })

  it('lets the result stand when the owner passed: the cause lies elsewhere', () => {
    const results = attributeConsequences([result('OWNER', 'pass'), result('DEPENDENT', 'fail', { dependsOn: { checkId: 'OWNER', reason: 'r' } })])
    expect(statuses(results)).toEqual([
      ['OWNER', 'pass', undefined],
      ['DEPENDENT', 'fail', undefined],
    ])
  })

  it('names the first of several possible owners that failed', () => {
    const results = attributeConsequences([
      result('FIRST', 'pass'),
      result('SECOND', 'warn'),
      result('DEPENDENT', 'fail', { dependsOn: { checkId: 'FIRST', reason: 'r', orAnyOf: ['SECOND'] } }),
    ])
    expect(results[2]).toMatchObject({ status: 'skip', consequenceOf: 'SECOND', message: 'not graded on its own: r; see SECOND' })
  })

  it('counts an owner for a dependency naming a root cause only when its own failure shows that cause', () => {
    const spelling = { checkId: 'OWNER', reason: 'r', cause: 'unstable-errcode-spelling' }
    const otherReason = attributeConsequences([result('OWNER', 'fail'), result('DEPENDENT', 'fail', { dependsOn: spelling })])
    expect(statuses(otherReason)).toEqual([
      ['OWNER', 'fail', undefined],
      ['DEPENDENT', 'fail', undefined],
    ])
    const anotherCause = attributeConsequences([result('OWNER', 'fail', { causes: ['other'] }), result('DEPENDENT', 'fail', { dependsOn: spelling })])
    expect(anotherCause[1]).toMatchObject({ status: 'fail' })
    const sameCause = attributeConsequences([
      result('OWNER', 'fail', { causes: ['unstable-errcode-spelling'] }),
      result('DEPENDENT', 'fail', { dependsOn: spelling }),
    ])
    expect(sameCause[1]).toMatchObject({ status: 'skip', consequenceOf: 'OWNER', message: 'not graded on its own: r; see OWNER' })
  })

  it('never chains: an owner that is itself a consequence explains nothing', () => {
    const results = attributeConsequences([
      result('ROOT', 'fail'),
      result('MIDDLE', 'fail', { dependsOn: { checkId: 'ROOT', reason: 'r' } }),
      result('LEAF', 'fail', { dependsOn: { checkId: 'MIDDLE', reason: 'r' } }),
    ])
    expect(statuses(results)).toEqual([
      ['ROOT', 'fail', undefined],
      ['MIDDLE', 'skip', 'ROOT'],
      ['LEAF', 'fail', undefined],
    ])
  })
})
