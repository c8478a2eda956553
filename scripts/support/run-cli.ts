import { fileURLToPath } from 'node:url'
import { runProcess, type ProcessRun } from './run-process.js'

const bin = fileURLToPath(new URL('../../bin/as-ping-conformance.js', import.meta.url))

export type CliRun = ProcessRun

/** Runs the real CLI in a child process, as a user would, and collects everything it printed. */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliRun> {
  return runProcess(process.execPath, [bin, ...args], {
    env: { ...process.env, ...options.env },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  })
}
