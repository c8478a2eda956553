import type { ProvidedContext } from 'vitest'
import { CollectResultsReporter } from './collect-results-reporter'
import { packageRoot } from './package-root'

export interface VitestRunOptions {
  /** Check files to run, relative to the package root. */
  files: string[]
  provide: Partial<ProvidedContext>
  /** Per-test timeout; the timeout check sets its own. */
  testTimeoutMs: number
}

/**
 * Runs check files with vitest as the engine, in this process's workers. Files run in parallel
 * (isolate: false keeps module loading cheap), so the one slow check — the homeserver's own
 * appservice timeout — overlaps all the others.
 */
export async function runVitest(options: VitestRunOptions): Promise<CollectResultsReporter> {
  const { startVitest } = await import('vitest/node')
  const reporter = new CollectResultsReporter()
  const previousExitCode = process.exitCode
  const vitest = await startVitest(
    'test',
    options.files,
    {
      config: false,
      root: packageRoot,
      watch: false,
      include: options.files,
      reporters: [reporter],
      provide: options.provide,
      pool: 'threads',
      isolate: false,
      maxWorkers: 4,
      fileParallelism: true,
      testTimeout: options.testTimeoutMs,
      hookTimeout: options.testTimeoutMs,
      onConsoleLog: () => false,
      passWithNoTests: true,
    },
    { logLevel: 'silent', cacheDir: false as unknown as string, server: { watch: null } },
  )
  await vitest.close()
  // vitest sets a failing exit code for failed tests; the CLI decides the exit code from the grades.
  process.exitCode = previousExitCode
  return reporter
}
