import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { renderHtmlReport } from './html-report.js'
import { renderJsonReport } from './json-report.js'
import { renderJunitReport } from './junit-report.js'
import { renderMarkdownReport } from './markdown-report.js'
import { reportFormats, type ReportFormat, type ReportTargets } from './report-formats.js'
import type { RunReport } from './run-report.js'

/** Each format `--report` writes, a pure rendering of the one RunReport. */
const reportRenderers: Record<ReportFormat, (report: RunReport) => string> = {
  json: renderJsonReport,
  junit: renderJunitReport,
  html: renderHtmlReport,
  markdown: renderMarkdownReport,
}

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
