import type { ConsoleStyle } from './console-style.js'
import { countsText, levels, runVerdict } from './report-wording.js'
import type { RunReport } from './run-report.js'

/**
 * The last lines: the counts by level, then every check counted once by its verdict, so that
 * passed + failed + warned + skipped = the checks (`summary.total`), then the run's verdict.
 */
export function renderSummary(report: RunReport, style: ConsoleStyle): string[] {
  const lines: string[] = []
  if (report.summaryByLevel) lines.push(`By level: ${levels.map((level) => `${level} ${countsText(report.summaryByLevel![level], style.status)}`).join('; ')}`)
  const s = report.summary
  const strict = report.strict && s.warn ? ' (they fail the run: --strict)' : ''
  lines.push(`${style.bold('Summary:')} ${s.total} checks: ${countsText(s, style.status)}${strict}`)
  const verdict = runVerdict(report)
  const colour = report.exitCode === 0 ? 'pass' : report.verdict === 'no-verdict' ? 'warn' : 'fail'
  lines.push(style.bold(style.status(colour, verdict.sentence)))
  return lines
}
