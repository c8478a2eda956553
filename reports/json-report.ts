import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { RunReport } from './run-report'

export async function writeJsonReport(file: string, report: RunReport): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
}
