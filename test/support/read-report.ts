import { readFile } from 'node:fs/promises'
import type { RunReport } from '../../reports/run-report.js'

export async function readReport(file: string): Promise<RunReport> {
  return JSON.parse(await readFile(file, 'utf8')) as RunReport
}

/** check id → status, for comparing a run's verdicts at a glance. */
export function statuses(report: RunReport): Record<string, string> {
  return Object.fromEntries(report.results.map((r) => [r.id, r.status]))
}
