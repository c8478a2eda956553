import type { CheckResult } from '../runner/check-result.js'
import { resultLine } from './report-wording.js'
import type { RunReport } from './run-report.js'

/**
 * GitHub Actions workflow commands that turn a run's failures and warnings into annotations on
 * the workflow run and its checks (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
 * `::error` for each result that fails the run and each fault that kept it from a verdict,
 * `::warning` for each warning or failure that does not fail it (--strict off, an expected
 * failure, an old failure under --fail-on regressions); passes and skips say nothing. Each is
 * the check's one-line verdict, never its exchange: the results are already redacted.
 */
export function renderGithubAnnotations(report: RunReport): string[] {
  return [
    ...report.problems.map((p) => command('error', 'as-ping-conformance: no verdict', `${p.where}: ${p.message}`)),
    ...report.results.flatMap((r) => {
      const kind = annotationKind(r)
      return kind ? [command(kind, r.id, `[${r.level}] ${resultLine(r)}`)] : []
    }),
  ]
}

function annotationKind(r: CheckResult): 'error' | 'warning' | undefined {
  if (r.failsRun) return 'error'
  if (r.status === 'warn' || r.status === 'fail') return 'warning'
  return undefined
}

function command(kind: 'error' | 'warning', title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`
}

/** As @actions/core escapes a command's message: the runner decodes these three. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A property value also ends at `,` (the next property) and `:` (the message). */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
