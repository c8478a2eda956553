import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runProcess, type ProcessRun } from './run-process.js'

/** The CLI from its TypeScript sources through tsx: what a clone runs without a build (the scripts here do). */
const sourceCliBin = fileURLToPath(new URL('../../bin/as-ping-conformance.js', import.meta.url))

export type CliRun = ProcessRun

export interface CliRunOptions {
  env?: Record<string, string>
  timeoutMs?: number
  /** Told each time the CLI prints on stdout, with all it has printed so far (to signal it mid-run, as a user's Ctrl-C). */
  onStdout?: (stdout: string, child: ChildProcess) => void
}

/** Runs the CLI entry `bin` in a child process, as a user would, and collects everything it printed. */
export function runCliEntry(bin: string, args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return runProcess(process.execPath, [bin, ...args], {
    // Plain text, as the tests read it, whatever the developer's shell sets (a test may ask for colour).
    env: { ...process.env, FORCE_COLOR: '0', ...options.env },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onStdout ? { onStdout: options.onStdout } : {}),
  })
}

/** Runs the CLI from its sources (bin/as-ping-conformance.js): the clone's current code, built or not. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return runCliEntry(sourceCliBin, args, options)
}
