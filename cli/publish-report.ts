import { UsageError } from '../harness/usage-error'
import { withReproCommands } from '../runner/build-run-report'
import { renderConsoleReport } from '../reports/console-report'
import type { RunReport } from '../reports/run-report'
import { writeReports, type ReportTargets } from '../reports/write-reports'
import type { Output } from './output'
import { systemError } from '../harness/system-error'

/**
 * Shows a finished run and writes the requested report files (--report json=…,junit=…,html=…,
 * markdown=…); every role's command ends here. Resolves to the run's exit code.
 */
export async function publishReport(
  report: RunReport,
  options: { report?: ReportTargets; reproCommand?: (id: string) => string },
  output: Output,
): Promise<number> {
  const shown = options.reproCommand ? withReproCommands(report, options.reproCommand) : report
  output.out(renderConsoleReport(shown))
  if (options.report) {
    await writeReports(options.report, shown).catch((thrown: unknown) => {
      const error = systemError(thrown)
      throw new UsageError(`cannot write the report ${error.path ?? ''}: ${error.brief}`, 'check the paths given to --report')
    })
  }
  return shown.exitCode
}
