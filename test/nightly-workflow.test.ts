import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { flagOfInput } from './support/action-inputs.js'
import { cliCommand } from './support/cli-definition.js'
import { readCompositeAction, type ActionStep } from './support/composite-action.js'
import { substitute, stepRuns, type Contexts } from './support/github-expression.js'

/**
 * The nightly workflow example cannot run here; this keeps it honest: it must parse, use the
 * action with inputs it has and values the CLI accepts, promote a report to the baseline only
 * when the run did not regress, give each secret only to the step that uses it, and hand the
 * JUnit file the run writes to a test-report step. The `if:`s and `${{ }}`s are evaluated as
 * GitHub does (test/support/github-expression.ts), not matched as text.
 */
const workflowFile = new URL('../examples/nightly-conformance.yml', import.meta.url)
const action = await readCompositeAction(new URL('../action.yml', import.meta.url))

/** A workflow step: an action's step, and the inputs it gives the action it uses. */
interface Step extends ActionStep {
  with?: Record<string, string | number | boolean>
}

const verdicts = ['conforms', 'no-regressions', 'regressed', 'does-not-conform', 'no-verdict'] as const
/** The verdicts whose run did not regress (runner/exit-code.ts: exit 0). */
const notRegressed = new Set<string>(['conforms', 'no-regressions'])

describe('examples/nightly-conformance.yml', async () => {
  const workflow = parse(await readFile(workflowFile, 'utf8')) as {
    on: Record<string, unknown>
    env?: Record<string, string>
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>
  }
  const job = workflow.jobs.conformance!
  const run = job.steps.find((s) => s.uses === './')!
  const withOf = (step: Step): Record<string, string> => Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]))
  const inputs = withOf(run)
  /** What the action's outputs would be after a run with this verdict: the report paths are its inputs. */
  const contextsAfter = (verdict: string): Contexts => ({
    steps: {
      conformance: {
        outputs: {
          verdict,
          'exit-code': notRegressed.has(verdict) ? '0' : verdict === 'no-verdict' ? '2' : '1',
          ...Object.fromEntries(['json', 'junit', 'html', 'markdown'].map((f) => [`${f}-report`, verdict === 'no-verdict' ? '' : inputs[`${f}-report`]])),
        },
      },
    },
    github: { run_id: '42', run_number: '7' },
    vars: {},
    secrets: {},
  })

  /** The cache step that restores or saves this path. */
  const cacheStep = (kind: 'restore' | 'save', path: string): Step =>
    job.steps.find((s) => s.uses?.startsWith(`actions/cache/${kind}@`) && withOf(s).path === path)!

  it('runs nightly and uses the action from this checkout, failing only on regressions, with every report', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']))
    expect(run.id).toBe('conformance')
    expect(inputs).toMatchObject({ command: 'homeserver', 'fail-on': 'regressions' })
    for (const format of ['json', 'junit', 'html', 'markdown']) expect(inputs[`${format}-report`], format).toMatch(/^reports\//)
    // The run writes the job summary itself in GitHub Actions: a step of its own would show it twice.
    expect(job.steps.map((s) => s.run ?? '').join('\n')).not.toContain('GITHUB_STEP_SUMMARY')
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    expect(withOf(upload).path).toBe('reports/')
    expect(stepRuns(upload.if, contextsAfter('no-verdict'), { earlierStepsSucceeded: false })).toBe(true)
  })

  it('gives the action only inputs it has, and literal values the flags accept', () => {
    for (const [input, value] of Object.entries(inputs)) {
      expect(action.inputs[input], input).toBeDefined()
      const option = flagOfInput(action, input)
      if (!option || value.includes('${{')) continue
      // A boolean flag reads its CONFORMANCE_* variable: the action documents true/false.
      if (option.isBoolean()) expect(value, input).toMatch(/^(true|false)$/)
      else if (option.parseArg) expect(() => option.parseArg!(value, undefined), `${input}: ${value}`).not.toThrow()
    }
  })

  it('hands the run the baseline and the expectations only when they exist, the baseline where the promotion writes it', () => {
    const promote = job.steps.find((s) => s.run?.includes('baseline/report.json'))!
    const withFiles = (files: string[]): Record<string, string> => {
      const hashFiles = (...patterns: unknown[]) => (patterns.some((p) => files.includes(String(p))) ? 'abc123' : '')
      return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, substitute(v, contextsAfter('conforms'), { hashFiles })]))
    }
    expect(withFiles(['baseline/report.json', '.conformance/expectations.yaml'])).toMatchObject({
      baseline: 'baseline/report.json',
      expectations: '.conformance/expectations.yaml',
    })
    expect(withFiles([])).toMatchObject({ baseline: '', expectations: '' })
    // The promotion copies the report the run wrote to the file the next run reads as its baseline.
    expect(promote.run).toContain('cp "$REPORT" baseline/report.json')
    expect(substitute(promote.env!.REPORT!, contextsAfter('conforms'))).toBe(inputs['json-report'])
    const restore = cacheStep('restore', 'baseline')
    const save = cacheStep('save', 'baseline')
    expect(withOf(restore).path).toBe('baseline')
    expect(withOf(save).path).toBe('baseline')
    expect(substitute(withOf(save).key!, contextsAfter('conforms')).startsWith(withOf(restore)['restore-keys']!)).toBe(true)
    expect(job.steps.indexOf(restore)).toBeLessThan(job.steps.indexOf(run))
  })

  it("keeps tonight's report as the next baseline only when the run did not regress", () => {
    const writers = job.steps.filter((s) => (s.run?.includes('baseline/') ?? false) || s === cacheStep('save', 'baseline'))
    expect(writers).toHaveLength(2)
    for (const step of writers) {
      expect(job.steps.indexOf(step), step.name).toBeGreaterThan(job.steps.indexOf(run))
      for (const verdict of verdicts) {
        // After a regressed run the job has failed; a step with always() would run anyway, so both cases are tried.
        for (const earlierStepsSucceeded of [true, false]) {
          const runs = stepRuns(step.if, contextsAfter(verdict), { earlierStepsSucceeded })
          expect(runs, `${step.name}, verdict ${verdict}, earlier steps ${earlierStepsSucceeded ? 'passed' : 'failed'}`).toBe(
            notRegressed.has(verdict) && earlierStepsSucceeded,
          )
        }
      }
    }
  })

  it('hands the JUnit file the run writes to a test-report step that does not fail the job again', () => {
    const junit = job.steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'))!
    expect(junit.uses).toMatch(/@v\d+$/)
    expect(job.steps.indexOf(junit)).toBeGreaterThan(job.steps.indexOf(run))
    expect(substitute(withOf(junit).report_paths!, contextsAfter('regressed'))).toBe(inputs['junit-report'])
    // Old failures are in the file under --fail-on regressions: only the run decides.
    expect(withOf(junit).fail_on_failure).toBe('false')
    for (const verdict of ['regressed', 'does-not-conform'])
      expect(stepRuns(junit.if, contextsAfter(verdict), { earlierStepsSucceeded: false }), verdict).toBe(true)
    expect(stepRuns(junit.if, contextsAfter('no-verdict'), { earlierStepsSucceeded: false })).toBe(false)
  })

  it('gives each secret only to a step that uses it, never to the job or the workflow', () => {
    expect(JSON.stringify(workflow.env ?? {})).not.toContain('secrets.')
    expect(JSON.stringify(job.env ?? {})).not.toContain('secrets.')
    const secretInputs = new Set(['user-token', 'hs-token', 'as-token'])
    let secretsPassed = 0
    for (const step of job.steps) {
      for (const [name, value] of Object.entries(step.env ?? {})) {
        if (!value.includes('secrets.')) continue
        secretsPassed++
        expect(step.run, `${step.name}: ${name}`).toContain(`"$${name}"`)
      }
      for (const [input, value] of Object.entries(withOf(step))) {
        if (!value.includes('secrets.')) continue
        secretsPassed++
        expect(step.uses === './' && secretInputs.has(input), `${step.name}: ${input}`).toBe(true)
      }
    }
    expect(secretsPassed).toBe(3)
  })

  it('appends every run to the history restored from the cache, draws its trend beside the reports, and keeps it as an artifact and in the cache, whatever the verdict', () => {
    const history = inputs.history!
    expect(history).toBe('history/ping-conformance.jsonl')
    expect(flagOfInput(action, 'history')?.long).toBe('--history')
    const restore = cacheStep('restore', 'history')
    const save = cacheStep('save', 'history')
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && withOf(s).path === 'history/')!
    const trend = job.steps.find((s) => s.run?.includes(' compare '))!
    const reportsUpload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && withOf(s).path === 'reports/')!
    expect(job.steps.indexOf(restore)).toBeLessThan(job.steps.indexOf(run))
    expect(substitute(withOf(save).key!, contextsAfter('regressed')).startsWith(withOf(restore)['restore-keys']!)).toBe(true)
    // The trend is drawn after the run and before the reports are uploaded, into the uploaded folder.
    expect(job.steps.indexOf(trend)).toBeGreaterThan(job.steps.indexOf(run))
    expect(job.steps.indexOf(trend)).toBeLessThan(job.steps.indexOf(reportsUpload))
    const words = trend.run!.trim().split(/\s+/)
    const args = words.slice(words.indexOf('compare') + 1)
    const compare = cliCommand('compare')!
    const value = (flag: string) => args[args.indexOf(flag) + 1]!
    expect(value('--history')).toBe(history)
    const parseReport = compare.options.find((o) => o.long === '--report')!.parseArg! as (value: string, previous: undefined) => Record<string, string>
    const report = parseReport(value('--report'), undefined)
    expect(Object.values(report).every((file) => file.startsWith('reports/'))).toBe(true)
    for (const flag of args.filter((a) => a.startsWith('--')))
      expect(
        compare.options.some((o) => o.long === flag),
        flag,
      ).toBe(true)
    for (const step of [trend, upload, save]) {
      expect(job.steps.indexOf(step), step.name).toBeGreaterThan(job.steps.indexOf(run))
      const hashFiles = (present: boolean) => ({ hashFiles: (...patterns: unknown[]) => (present && patterns.includes(history) ? 'abc123' : '') })
      for (const verdict of verdicts)
        for (const earlierStepsSucceeded of [true, false])
          expect(stepRuns(step.if, contextsAfter(verdict), { earlierStepsSucceeded, functions: hashFiles(true) }), `${step.name}, ${verdict}`).toBe(true)
      // A run that ended before its verdict may have appended nothing, and the first night may have no file.
      expect(stepRuns(step.if, contextsAfter('no-verdict'), { earlierStepsSucceeded: false, functions: hashFiles(false) }), step.name).toBe(false)
    }
  })
})
