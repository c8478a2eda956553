import { spawn, type ChildProcess } from 'node:child_process'

export interface ProcessRun {
  code: number | null
  stdout: string
  stderr: string
  elapsedMs: number
}

/**
 * Runs a program in a child process and collects everything it printed, killing it after
 * `timeoutMs`. With `processGroup` it runs in a group of its own and the timeout kills the whole
 * group, so that a shell's children do not outlive it (and hold its output open).
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv
    cwd?: string
    timeoutMs?: number
    processGroup?: boolean
    /** Told each time it prints on stdout, with all it has printed so far (to signal it mid-run, as a user's Ctrl-C). */
    onStdout?: (stdout: string, child: ChildProcess) => void
  },
): Promise<ProcessRun> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.processGroup === true,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      options.onStdout?.(stdout, child)
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const timer = setTimeout(() => (options.processGroup ? process.kill(-child.pid!, 'SIGKILL') : child.kill('SIGKILL')), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started })
    })
  })
}
