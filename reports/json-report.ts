import type { RunReport } from './run-report.js'

/** The JSON report: the run's one document (docs/report-format.md), pretty-printed. */
export function renderJsonReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
