import { join } from 'node:path'
import type { ProvidedContext } from 'vitest'
import type { Reporter } from 'vitest/node'
import type { CheckResult } from './check-result.js'
import { CollectResultsReporter } from './collect-results-reporter.js'
import { moduleCacheDir } from './module-cache-dir.js'
import { useSmallYoungGenerationForNewThreads } from './small-young-generation.js'
import { codeRoot, moduleExtension } from '../harness/package-files.js'
import { escapeRegExp } from '../harness/escape-reg-exp.js'

export interface VitestRunOptions {
  /** Check files to run, relative to the code root (harness/package-files.ts). */
  files: string[]
  provide: Partial<ProvidedContext>
  /** Per-test timeout; the timeout check sets its own. */
  testTimeoutMs: number
  /** Called as each check finishes, with what it saw (for the CLI's line per check). */
  onCheckDone?: (observed: CheckResult) => void
}

/** The module vitest runs; it imports the check files (see check-files-entry.ts). */
const entryFile = join(codeRoot, 'runner', `check-files-entry${moduleExtension}`)

/**
 * The built package's modules (dist/), for vitest to leave to node's own import: they are plain
 * JavaScript already, and vite would otherwise transform each one and keep its code and source
 * map in the CLI's memory (an installed package, under node_modules/, is left to node anyway; a
 * clone's dist/ is not). From source (.ts), vite must transform them, and does.
 */
const startsWithCodeRoot = new RegExp(`^${escapeRegExp(codeRoot.replaceAll('\\', '/'))}`)

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
  useSmallYoungGenerationForNewThreads()
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
      reporters: [reporter, leaveCtrlCToTheCaller()],
      provide: { ...options.provide, checkFiles: options.files.map((file) => join(codeRoot, file)) },
      pool: 'threads',
      maxWorkers: 1,
      sequence: { concurrent: true },
      maxConcurrency: maxConcurrentChecks,
      testTimeout: options.testTimeoutMs,
      hookTimeout: options.testTimeoutMs,
      onConsoleLog: () => false,
      passWithNoTests: true,
      // No results cache (node_modules/.vite/vitest/…/results.json): a run orders nothing by past runs, and must not write over the cache of the project it runs in.
      cache: false,
      ...(moduleCache ? { experimental: { fsModuleCache: true, fsModuleCachePath: moduleCache } } : {}),
      ...(moduleExtension === '.js' ? { server: { deps: { external: [startsWithCodeRoot] } } } : {}),
    },
    { logLevel: 'silent', cacheDir: false as unknown as string, server: { watch: null } },
  )
  await vitest.close()
  // vitest sets a failing exit code for failed tests; the CLI decides the exit code from the grades.
  process.exitCode = previousExitCode
  return reporter
}

/**
 * vitest's logger ends the process on SIGINT (1 ms after it, whatever else listens). When the
 * caller listens for Ctrl-C itself (the CLI writes a partial report first: cli/interruption.ts),
 * the listener vitest added is taken away as soon as vitest is set up (a reporter's onInit).
 */
function leaveCtrlCToTheCaller(): Reporter {
  const before = new Set(process.listeners('SIGINT'))
  return {
    onInit() {
      if (before.size === 0) return
      for (const listener of process.listeners('SIGINT')) if (!before.has(listener)) process.removeListener('SIGINT', listener)
    },
  }
}
