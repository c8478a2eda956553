import { readFile, writeFile } from 'node:fs/promises'
import { UsageError } from '../harness/usage-error.js'
import { buildRunReport, type RunFacts } from '../runner/build-run-report.js'
import { parseRunReport } from '../runner/parse-run-report.js'
import type { RunReport } from '../reports/run-report.js'
import type { ReportTargets } from '../reports/report-formats.js'
import type { RunOutcome } from '../runner/run-homeserver-suite.js'
import { parseExpectations, skippedByExpectations, type Expectations } from '../runner/expectations.js'
import type { FailOn } from '../runner/exit-code.js'
import { renderExpectations, updateExpectations } from '../runner/update-expectations.js'
import type { CheckStatus } from '../runner/check-result.js'
import type { Output } from './output.js'
import { publishReport } from './publish-report.js'
import { appendHistory } from './append-history.js'
import { checkHistoryPath } from './report-paths.js'
import { systemError } from '../harness/system-error.js'

/** The flags every run-producing command shares (homeserver, reference, merge). */
export interface RunFinishOptions {
  report?: ReportTargets
  expectations?: string
  updateExpectations?: boolean
  baseline?: string
  failOn?: FailOn
  /** --history FILE.jsonl: append the run's summary and statuses (runner/run-history.ts). */
  history?: string
}

/** The expectations and baseline files, read before the run so a bad file costs seconds, not a run. */
export interface RunInputs {
  expectations?: { file: string; entries: Expectations; text?: string }
  baseline?: { file: string; report: RunReport }
}

export async function loadRunInputs(options: RunFinishOptions): Promise<RunInputs> {
  if (options.updateExpectations && !options.expectations)
    throw new UsageError('--update-expectations needs --expectations FILE', 'name the file to write with --expectations')
  if (options.history) checkHistoryPath(options.history)
  const inputs: RunInputs = {}
  if (options.expectations) {
    const text = await readFile(options.expectations, 'utf8').catch((thrown: unknown) => {
      const error = systemError(thrown)
      if (error.code === 'ENOENT' && options.updateExpectations) return undefined
      throw new UsageError(
        `cannot read expectations file ${options.expectations}: ${error.brief}`,
        'check --expectations, or create it with --update-expectations',
      )
    })
    inputs.expectations = {
      file: options.expectations,
      entries: text === undefined ? {} : parseExpectations(text, options.expectations),
      ...(text === undefined ? {} : { text }),
    }
  }
  if (options.baseline) {
    const text = await readFile(options.baseline, 'utf8').catch((thrown: unknown) => {
      const error = systemError(thrown)
      throw new UsageError(
        `cannot read baseline ${options.baseline}: ${error.brief}`,
        'pass the JSON report of an earlier run (--report json=FILE), or drop --baseline',
      )
    })
    inputs.baseline = { file: options.baseline, report: parseRunReport(text, options.baseline) }
  }
  return inputs
}

/** Checks the expectations file says not to run (today's date decides which entries have expired). */
export function checksToSkip(inputs: RunInputs, selected: readonly string[]): string[] {
  return inputs.expectations ? skippedByExpectations(inputs.expectations.entries, selected, today()) : []
}

/**
 * Grades the outcome with the expectations and baseline, rewrites the expectations file when
 * asked (--update-expectations: the run is then graded by the updated file), and publishes.
 */
export async function finishRun(
  outcome: Pick<RunOutcome, 'results' | 'problems' | 'startedAt' | 'durationMs' | 'skipped' | 'load' | 'headline' | 'dialect'>,
  facts: RunFacts,
  inputs: RunInputs,
  options: RunFinishOptions,
  output: Output,
  /** The checks' lines already shown as they finished (run-watch.ts): the report does not repeat them. */
  streamed?: ReadonlyMap<string, CheckStatus>,
): Promise<number> {
  const graded = gradingFacts(facts, inputs, options, outcome.skipped ?? [])
  const expectations = graded.expectations
  let report = buildRunReport(outcome, graded)
  if (options.updateExpectations && inputs.expectations && expectations && report.problems.length === 0) {
    const update = updateExpectations(expectations.entries, report.results, { strict: report.strict, today: report.startedAt.slice(0, 10) })
    const format = inputs.expectations.file.endsWith('.json') ? 'json' : 'yaml'
    await writeFile(inputs.expectations.file, renderExpectations(update, inputs.expectations.text, format))
    report = buildRunReport(outcome, { ...graded, expectations: { ...expectations, entries: update.entries } })
    report.expectations!.updated = { added: update.added, removed: update.removed }
  }
  const exitCode = await publishReport(report, { ...(options.report ? { report: options.report } : {}), ...(streamed ? { streamed } : {}) }, output)
  if (options.history) await appendHistory(options.history, report)
  return exitCode
}

/** The run's facts with what grades it: the expectations file (and the checks it skipped), the baseline, --fail-on. */
export function gradingFacts(facts: RunFacts, inputs: RunInputs, options: RunFinishOptions, skipped: readonly string[]): RunFacts {
  const expectations = inputs.expectations
    ? { file: inputs.expectations.file, entries: inputs.expectations.entries, skipped: [...skipped] }
    : facts.expectations
  return {
    ...facts,
    ...(expectations ? { expectations } : {}),
    ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
    failOn: options.failOn ?? 'any',
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}
