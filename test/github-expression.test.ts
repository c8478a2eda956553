import { describe, expect, it } from 'vitest'
import { stepRuns, substitute } from './support/github-expression.js'

// The evaluator the CI tests trust for what GitHub would do with an expression: its rules, one case each.
describe('GitHub expressions (test/support/github-expression.ts)', () => {
  const contexts = { inputs: { 'hs-url': 'http://hs', empty: '' }, steps: { run: { outputs: { verdict: 'Regressed' } } } }

  it('substitutes context paths, dashes and brackets included; a missing one is empty', () => {
    expect(substitute('url=${{ inputs.hs-url }}', contexts)).toBe('url=http://hs')
    expect(substitute("${{ steps['run'].outputs.verdict }}", contexts)).toBe('Regressed')
    expect(substitute('[${{ inputs.nothing }}][${{ nothing.at.all }}]', contexts)).toBe('[][]')
  })

  it('compares strings case-insensitively, and && / || give an operand', () => {
    expect(substitute("${{ steps.run.outputs.verdict == 'regressed' }}", contexts)).toBe('true')
    expect(substitute("${{ inputs.empty != '' && 'yes' || 'no' }}", contexts)).toBe('no')
    expect(substitute("${{ inputs.hs-url != '' && 'yes' || 'no' }}", contexts)).toBe('yes')
    expect(substitute("${{ !(inputs.empty) && 'it''s empty' }}", contexts)).toBe("it's empty")
  })

  it('runs a step whose if: calls no status function only after success, as success() && (if)', () => {
    expect(stepRuns(undefined, contexts, { earlierStepsSucceeded: true })).toBe(true)
    expect(stepRuns(undefined, contexts, { earlierStepsSucceeded: false })).toBe(false)
    expect(stepRuns("steps.run.outputs.verdict == 'regressed'", contexts, { earlierStepsSucceeded: false })).toBe(false)
    expect(stepRuns("${{ always() && steps.run.outputs.verdict == 'regressed' }}", contexts, { earlierStepsSucceeded: false })).toBe(true)
    expect(stepRuns('failure()', contexts, { earlierStepsSucceeded: false })).toBe(true)
  })

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => substitute('${{ inputs.x == }}', contexts)).toThrow()
    expect(() => substitute("${{ contains(inputs.x, 'a') }}", contexts)).toThrow(/no function contains/)
  })
})
