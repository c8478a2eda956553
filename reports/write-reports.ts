import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { renderHtmlReport } from './html-report.js'
import { renderJsonReport } from './json-report.js'
import { renderJunitReport } from './junit-report.js'
import { renderMarkdownReport } from './markdown-report.js'
import type { RunReport } from './run-report.js'

/** The report formats `--report` writes, each a pure rendering of the one RunReport. */
export const reportRenderers = {
  json: renderJsonReport,
  junit: renderJunitReport,
  html: renderHtmlReport,
  markdown: renderMarkdownReport,
} as const satisfies Record<string, (report: RunReport) => string>

export type ReportFormat = keyof typeof reportRenderers

export const reportFormats = Object.keys(reportRenderers) as ReportFormat[]

/** Format → file to write. */
export type ReportTargets = Partial<Record<ReportFormat, string>>

/** The one place reports/ touches the file system: renders each requested format and writes it. */
export async function writeReports(targets: ReportTargets, report: RunReport): Promise<string[]> {
  const written: string[] = []
  for (const format of reportFormats) {
    const file = targets[format]
    if (!file) continue
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, reportRenderers[format](report))
    written.push(file)
  }
  return written
}
