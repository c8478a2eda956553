import { appendFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { systemError } from '../harness/system-error.js'
import { UsageError } from '../harness/usage-error.js'
import type { RunReport } from '../reports/run-report.js'
import { historyLine } from '../runner/run-history.js'

/** --history FILE.jsonl: appends the run's line (runner/run-history.ts), creating the file and its folder when missing. */
export async function appendHistory(file: string, report: RunReport): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
    .then(() => appendFile(file, historyLine(report)))
    .catch((thrown: unknown) => {
      throw new UsageError(`cannot append to the history ${file}: ${systemError(thrown).brief}`, 'give --history a file in a directory you can write to')
    })
}
