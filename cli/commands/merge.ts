import { readFile } from 'node:fs/promises'
import { UsageError } from '../../harness/usage-error.js'
import { mergeReports } from '../../runner/merge-reports.js'
import { parseRunReport } from '../../runner/parse-run-report.js'
import { finishRun, loadRunInputs, type RunFinishOptions } from '../finish-run.js'
import type { Output } from '../output.js'
import { systemError } from '../../harness/system-error.js'

/**
 * `as-ping-conformance merge A.json B.json …`: the JSON reports of a sharded run as one run —
 * console, reports, expectations, baseline and exit code as if it had run on one machine.
 */
export async function mergeCommand(files: string[], options: RunFinishOptions, output: Output): Promise<number> {
  const inputs = await loadRunInputs(options)
  const reports = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file, 'utf8').catch((thrown: unknown) => {
        const error = systemError(thrown)
        throw new UsageError(`cannot read ${file}: ${error.brief}`, 'pass the JSON report of each shard (--report json=FILE)')
      })
      return { file, report: parseRunReport(text, file) }
    }),
  )
  const { outcome, facts } = mergeReports(reports)
  return finishRun(outcome, facts, inputs, options, output)
}
