import { renderConsoleReport } from '../reports/console-report'
import { writeJsonReport } from '../reports/json-report'
import type { RunReport } from '../reports/run-report'
import type { ReportTargets } from './option-parsers'
import type { Output } from './output'

/**
 * Shows a finished run and writes the requested report files; every role's command ends here.
 * Resolves to the run's exit code.
 */
export async function publishReport(
  report: RunReport,
  options: { report?: ReportTargets; reproCommand: (id: string) => string },
  output: Output,
): Promise<number> {
  output.out(renderConsoleReport(report, options.reproCommand))
  if (options.report?.json) await writeJsonReport(options.report.json, report)
  return report.exitCode
}
