import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { concurrencyLimit } from '../../scripts/support/concurrency-limit.js'
import { runCli, type CliRun } from './run-cli.js'

/**
 * The reference homeserver's appservice timeout for variant runs: longer than `reference`'s 1.5 s,
 * because on a loaded shared machine a correct ping's round trip has taken 1.8 s, which a 1.5 s
 * timeout turns into a spurious 504. It only lengthens the wait in HS-PING-TIMEOUT, not the CPU.
 */
const variantHsTimeoutMs = 5_000

/** A run's tokens are `randomToken(prefix)`: the prefix, '_', then 32 base64url characters. */
export const anyToken = /(as|hs|user)_[A-Za-z0-9_-]{32}/

export interface VariantReport {
  exitCode: number
  problems: unknown[]
  results: { id: string; status: string; consequenceOf?: string }[]
}

export interface VariantRun {
  run: CliRun
  /** The JSON report; undefined when the run wrote none (it then failed before grading). */
  report: VariantReport | undefined
  reportText: string
}

/** The ids of a report's results with one of these statuses, sorted. */
export function idsWith(report: VariantReport, ...statuses: string[]): string[] {
  return report.results
    .filter((r) => statuses.includes(r.status))
    .map((r) => r.id)
    .sort()
}

/**
 * `reference` runs of the whole suite, as a user would start them, each with its JSON report,
 * at most `maxChildren` at once (each child is a whole suite run on a shared 2-core machine).
 * Call at a test file's top level: the reports' folders are removed after the file's tests.
 */
export function referenceVariantRunner(options: {
  maxChildren: number
  tempPrefix: string
  cliTimeoutMs?: number
}): (args: readonly string[], name: string) => Promise<VariantRun> {
  const limit = concurrencyLimit(options.maxChildren)
  const tempDirs: string[] = []
  afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))
  return async (args, name) => {
    const dir = await mkdtemp(join(tmpdir(), `${options.tempPrefix}-${name}-`))
    tempDirs.push(dir)
    const file = join(dir, 'report.json')
    const run = await limit(() =>
      runCli(
        ['reference', ...args, '--hs-timeout-ms', String(variantHsTimeoutMs), '--report', `json=${file}`],
        options.cliTimeoutMs ? { timeoutMs: options.cliTimeoutMs } : {},
      ),
    )
    const reportText = await readFile(file, 'utf8').catch(() => '')
    return { run, report: reportText ? (JSON.parse(reportText) as VariantReport) : undefined, reportText }
  }
}
