import { UsageError } from '../harness/usage-error.js'
import { withReproCommands } from '../runner/build-run-report.js'
import { renderConsoleReport } from '../reports/console-report.js'
import type { RunReport } from '../reports/run-report.js'
import type { ReportTargets } from '../reports/report-formats.js'
import { writeReports } from '../reports/write-reports.js'
import { publishToGithubActions } from './github-actions.js'
import type { CheckStatus } from '../runner/check-result.js'
import type { Output } from './output.js'
import { systemError } from '../harness/system-error.js'

/**
 * Shows a finished run, writes the requested report files (--report json=…,junit=…,html=…,
 * markdown=…) and, in GitHub Actions, its annotations and job summary; every role's command
 * ends here. Resolves to the run's exit code.
 */
export async function publishReport(
  report: RunReport,
  options: { report?: ReportTargets; reproCommand?: (id: string) => string; streamed?: ReadonlyMap<string, CheckStatus> },
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const shown = options.reproCommand ? withReproCommands(report, options.reproCommand) : report
  output.out(renderConsoleReport(shown, { colour: output.colour ?? false, ...(options.streamed ? { streamed: options.streamed } : {}) }))
  if (options.report) {
    await writeReports(options.report, shown).catch((thrown: unknown) => {
      const error = systemError(thrown)
      throw new UsageError(`cannot write the report ${error.path ?? ''}: ${error.brief}`, 'check the paths given to --report')
    })
  }
  await publishToGithubActions(shown, env, output)
  return shown.exitCode
}
