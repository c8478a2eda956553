import { spawn, type ChildProcess } from 'node:child_process'
import type { ProcessExit } from '../mock-homeserver/ping-round.js'

/** How much of the appservice's output is kept, for "it exited; its last output: …". */
const outputTailChars = 4000
const stopGraceMs = 3000

export interface AppserviceProcessOptions {
  /** A shell command line (`--spawn "node my-as.js"`). */
  command: string
  cwd?: string
}

/**
 * The appservice the suite started with --spawn. It runs in its own process group, so stopping
 * it (SIGTERM, then SIGKILL, by its process id) also stops whatever its shell command started;
 * if the suite itself is interrupted, the group is stopped too. Its output is kept (the tail only),
 * never shown unredacted.
 */
export class AppserviceProcess {
  #child: ChildProcess | undefined
  #exit: ProcessExit | undefined
  #exited: Promise<void> = Promise.resolve()
  #output = ''
  readonly #onSignal = (signal: NodeJS.Signals) => {
    this.#killGroup('SIGKILL')
    // Ends the suite as the signal would have, unless the suite handles it (the CLI writes its partial report first).
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }
  readonly #onExit = () => this.#killGroup('SIGKILL')

  constructor(private readonly options: AppserviceProcessOptions) {}

  /** Starts the command with these variables added to the suite's own environment. */
  start(env: Record<string, string>): void {
    if (this.#child) throw new Error('[harness] the appservice process is already running')
    this.#exit = undefined
    this.#output = ''
    const child = spawn(this.options.command, {
      shell: true,
      detached: true,
      cwd: this.options.cwd ?? process.cwd(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk: Buffer) => (this.#output = `${this.#output}${chunk.toString('utf8')}`.slice(-outputTailChars))
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        this.#exit = { code: null, signal: null, outputTail: `could not start: ${error.message}` }
        resolve()
      })
      child.once('exit', (code, signal) => {
        this.#exit = { code, signal, outputTail: this.#output }
        resolve()
      })
    })
    this.#child = child
    process.once('exit', this.#onExit)
    process.once('SIGINT', this.#onSignal)
    process.once('SIGTERM', this.#onSignal)
  }

  /** Set once the process has ended (by itself or by stop()). */
  get exit(): ProcessExit | undefined {
    return this.#exit
  }

  /** Settles once the process has ended (at once when none was started). */
  get exited(): Promise<void> {
    return this.#exited
  }

  get running(): boolean {
    return this.#child !== undefined && this.#exit === undefined
  }

  /** Resolves once the process has ended, or after ms (whichever is first). */
  async waitForExit(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.#exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))])
    clearTimeout(timer)
  }

  /** SIGTERM to its process group, SIGKILL after a grace period; resolves when it has ended. */
  async stop(): Promise<void> {
    if (!this.#child) return
    if (!this.#exit) {
      this.#killGroup('SIGTERM')
      const killed = await Promise.race([this.#exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), stopGraceMs))])
      if (!killed) this.#killGroup('SIGKILL')
      await this.#exited
    }
    this.#child = undefined
    process.removeListener('exit', this.#onExit)
    process.removeListener('SIGINT', this.#onSignal)
    process.removeListener('SIGTERM', this.#onSignal)
  }

  #killGroup(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid
    if (pid === undefined || this.#exit) return
    try {
      process.kill(-pid, signal)
    } catch {
      // the group is already gone
    }
  }
}
