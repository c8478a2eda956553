import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../bin/as-ping-conformance.js', import.meta.url))

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  elapsedMs: number
}

export interface CliRunOptions {
  env?: Record<string, string>
  timeoutMs?: number
  /** Told each time the CLI prints on stdout, with all it has printed so far (to signal it mid-run, as a user's Ctrl-C). */
  onStdout?: (stdout: string, child: ChildProcess) => void
}

/** Runs the real CLI in a child process, as a user would, and collects everything it printed. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      // Plain text, as the tests read it, whatever the developer's shell sets (a test may ask for colour).
      env: { ...process.env, FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      options.onStdout?.(stdout, child)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started })
    })
  })
}
