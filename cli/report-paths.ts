import { accessSync, constants, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../harness/usage-error.js'
import { systemError } from '../harness/system-error.js'
import type { ReportTargets } from './option-parsers.js'

/**
 * Refuses, before the run starts, a --report file that could not be written once it ends: a run
 * of minutes must not end in "cannot write the report". Nothing is created here (no empty file
 * is left behind when the run then fails for another reason); the report is written at the end.
 */
export function checkReportPaths(targets: ReportTargets): void {
  for (const [format, file] of Object.entries(targets)) {
    const problem = whyUnwritable(file)
    if (problem) throw new UsageError(`cannot write the ${format} report to ${file}: ${problem}`, 'give --report a file in a directory you can write to')
  }
}

/** The same for the --history file, which each run appends to. */
export function checkHistoryPath(file: string): void {
  const problem = whyUnwritable(file)
  if (problem) throw new UsageError(`cannot append to the history ${file}: ${problem}`, 'give --history a file in a directory you can write to')
}

function whyUnwritable(file: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return 'it is a directory'
    accessSync(file, constants.W_OK)
    return undefined
  } catch (error) {
    if (!isMissing(error)) return systemError(error).brief
  }
  // The report writer creates missing directories, so the nearest one that exists must take them.
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return `${dir} is not a directory`
      accessSync(dir, constants.W_OK | constants.X_OK)
      return undefined
    } catch (error) {
      if (!isMissing(error) || dir === dirname(dir)) return systemError(error).brief
    }
  }
}

/** No such file, or a file where a directory on its path should be: the walk up tells which. */
function isMissing(error: unknown): boolean {
  const { code } = systemError(error)
  return code === 'ENOENT' || code === 'ENOTDIR'
}
