import { spawn, type ChildProcess } from 'node:child_process'
import { acceptsConnection } from '../../harness/http/wait-for-port.js'
import { cliBin } from './run-cli.js'

export interface ServedProcess {
  child: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  output(): string
  /** How it ended: its exit code, or the signal that killed it (a signal it handled ends with a code). */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Starts `as-ping-conformance serve …` and resolves once it says it is serving; rejects with its output if it ends first. */
export function startServe(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<ServedProcess> {
  const child = spawn(process.execPath, [cliBin, 'serve', ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let text = ''
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (/^Serving .*\n/m.test(text)) resolve({ child, output: () => text, ended })
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    void ended.then((how) => reject(new Error(`serve ended before serving (${JSON.stringify(how)}): ${text}`)))
  })
}

/** Whether something accepts connections on this loopback port. */
export function listening(port: number): Promise<boolean> {
  return acceptsConnection('127.0.0.1', port)
}
