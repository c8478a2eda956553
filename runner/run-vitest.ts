import { join } from 'node:path'
import type { ProvidedContext } from 'vitest'
import { CollectResultsReporter } from './collect-results-reporter.js'
import { moduleCacheDir } from './module-cache-dir.js'
import { codeRoot, moduleExtension } from '../harness/package-files.js'

export interface VitestRunOptions {
  /** Check files to run, relative to the code root (harness/package-files.ts). */
  files: string[]
  provide: Partial<ProvidedContext>
  /** Per-test timeout; the timeout check sets its own. */
  testTimeoutMs: number
  /** Called as each check finishes, for the CLI's progress line. */
  onCheckDone?: (id: string) => void
}

/** The module vitest runs; it imports the check files (see check-files-entry.ts). */
const entryFile = join(codeRoot, 'runner', `check-files-entry${moduleExtension}`)

/**
 * Most checks wait on loopback round trips and settle delays, not the CPU: all of them run at
 * once, so the run takes about as long as its slowest check (the homeserver's own timeout).
 */
const maxConcurrentChecks = 200

/**
 * Runs check files with vitest as the engine, in one worker thread of this process: every check
 * of every file runs concurrently there, so the one slow check — the homeserver's own appservice
 * timeout — overlaps all the others. One worker, not one per file: each worker costs a start and
 * a module graph (~60 MB), and the checks wait on the network, not on the CPU.
 */
export async function runVitest(options: VitestRunOptions): Promise<CollectResultsReporter> {
  const { startVitest } = await import('vitest/node')
  const reporter = new CollectResultsReporter(options.onCheckDone)
  const moduleCache = moduleCacheDir()
  const previousExitCode = process.exitCode
  const vitest = await startVitest(
    'test',
    [entryFile],
    {
      config: false,
      root: codeRoot,
      watch: false,
      include: [entryFile],
      reporters: [reporter],
      provide: { ...options.provide, checkFiles: options.files.map((file) => join(codeRoot, file)) },
      pool: 'threads',
      maxWorkers: 1,
      sequence: { concurrent: true },
      maxConcurrency: maxConcurrentChecks,
      testTimeout: options.testTimeoutMs,
      hookTimeout: options.testTimeoutMs,
      onConsoleLog: () => false,
      passWithNoTests: true,
      ...(moduleCache ? { experimental: { fsModuleCache: true, fsModuleCachePath: moduleCache } } : {}),
    },
    { logLevel: 'silent', cacheDir: false as unknown as string, server: { watch: null } },
  )
  await vitest.close()
  // vitest sets a failing exit code for failed tests; the CLI decides the exit code from the grades.
  process.exitCode = previousExitCode
  return reporter
}
