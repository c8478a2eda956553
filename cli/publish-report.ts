import { UsageError } from '../harness/usage-error'
import { withReproCommands } from '../runner/build-run-report'
import { renderConsoleReport } from '../reports/console-report'
import type { RunReport } from '../reports/run-report'
import { writeReports, type ReportTargets } from '../reports/write-reports'
import { publishToGithubActions } from './github-actions'
import type { Output } from './output'
import { systemError } from '../harness/system-error'

/**
 * Shows a finished run, writes the requested report files (--report json=…,junit=…,html=…,
 * markdown=…) and, in GitHub Actions, its annotations and job summary; every role's command
 * ends here. Resolves to the run's exit code.
 */
export async function publishReport(
  report: RunReport,
  options: { report?: ReportTargets; reproCommand?: (id: string) => string },
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const shown = options.reproCommand ? withReproCommands(report, options.reproCommand) : report
  output.out(renderConsoleReport(shown))
  if (options.report) {
    await writeReports(options.report, shown).catch((thrown: unknown) => {
      const error = systemError(thrown)
      throw new UsageError(`cannot write the report ${error.path ?? ''}: ${error.brief}`, 'check the paths given to --report')
    })
  }
  await publishToGithubActions(shown, env, output)
  return shown.exitCode
}
