import { requirement, requirements } from '../harness/requirements/registry.js'
import { buildRunReport, type RunFacts } from '../runner/build-run-report.js'
import { resultBase } from '../runner/check-result.js'
import { writeReports } from '../reports/write-reports.js'
import { gradingFacts, type RunFinishOptions, type RunInputs } from './finish-run.js'
import type { RunWatch } from './run-watch.js'

/**
 * What Ctrl-C leaves of a run: the report of the checks that had finished, the others marked not
 * run, written where --report asked. It cannot pass for a conforming run: an `interrupted` problem
 * makes its verdict `no-verdict` (exitCode 2, as any run that could not be done), so a baseline,
 * `merge` or CI step reading it sees no verdict. Resolves to what the interrupted line says of it
 * (from its leading space on).
 */
export async function writePartialReport(
  watch: RunWatch,
  run: { facts: RunFacts; inputs: RunInputs; options: RunFinishOptions; startedAt: Date },
): Promise<string> {
  watch.stop()
  const finished = [...watch.observed]
  const done = new Set(finished.map((r) => r.id))
  const notRun = watch.plan.ids
    .filter((id) => !done.has(id))
    .map((id) => ({ ...resultBase(requirement(id), 0), status: 'skip' as const, message: 'not run: the run was interrupted (SIGINT)' }))
  const order = new Map(requirements.map((r, i) => [r.id, i]))
  const results = [...finished, ...notRun].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  const counts = `${finished.length} of ${watch.plan.ids.length} checks had finished`
  const report = buildRunReport(
    {
      results,
      problems: [{ where: 'interrupted', message: `the run was interrupted (SIGINT): ${counts}; the others did not run` }],
      startedAt: run.startedAt.toISOString(),
      durationMs: Date.now() - run.startedAt.getTime(),
      ...(watch.plan.dialect ? { dialect: watch.plan.dialect } : {}),
    },
    gradingFacts(run.facts, run.inputs, run.options, watch.plan.skipped),
  )
  const targets = run.options.report
  const written = targets ? await writeReports(targets, report) : []
  return ` after ${counts}: no verdict; ${written.length ? `partial report (the rest marked not run) in ${written.join(', ')}` : 'no report was asked for'}`
}
