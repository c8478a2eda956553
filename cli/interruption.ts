import type { Output } from './output.js'

/** The shell's code for a process ended by Ctrl-C (128 + SIGINT's 2), as vitest and Playwright end. */
const interruptedExitCode = 130
/** However the partial report fares, the process exits within this long of Ctrl-C. */
const partialReportTimeoutMs = 5_000

/** The run in progress: on Ctrl-C, writes its partial report and resolves to the line that says so. */
let partial: (() => Promise<string>) | undefined
/** Set once Ctrl-C has started the partial report: the run's own end then writes nothing over it. */
let interruptedRun = false

/**
 * Runs `run`, with `onInterrupt` as what Ctrl-C writes meanwhile, then `finish` (the verdict and
 * the reports): Ctrl-C then lets the reports be written whole, never cut short or written twice.
 */
export async function interruptible<T, R>(onInterrupt: () => Promise<string>, run: () => Promise<T>, finish: (outcome: T) => Promise<R>): Promise<R> {
  partial = onInterrupt
  try {
    const outcome = await run()
    // Ctrl-C came first: its partial report is the run's, and main() ends with 130 once it is written.
    if (interruptedRun) return await new Promise<never>(() => undefined)
    const finished = finish(outcome)
    partial = () => finished.then(() => ' as the run ended: its verdict and reports are complete')
    return await finished
  } finally {
    partial = undefined
  }
}

/**
 * Listens for Ctrl-C (SIGINT) for as long as the CLI runs: the run in progress writes its partial
 * report, one line says so, and `exitCode` resolves to 130, for main() to return (bin/ exits at
 * once, which closes every server of the run; a spawned appservice's process group is stopped by
 * its own handler, harness/spawned-appservice/appservice-process.ts). A second Ctrl-C meanwhile
 * changes nothing: the partial report is on its way, and bounded in time.
 */
export function listenForInterrupt(output: Output): { exitCode: Promise<number>; dispose(): void } {
  let resolve: (code: number) => void = () => undefined
  const exitCode = new Promise<number>((r) => (resolve = r))
  let interrupted = false
  const onSignal = () => {
    if (interrupted) return
    interrupted = true
    const timeout = new Promise<string>((r) =>
      setTimeout(() => r(`, but the partial report was not written within ${partialReportTimeoutMs / 1000} s`), partialReportTimeoutMs).unref(),
    )
    interruptedRun = partial !== undefined
    const writing = partial
      ? partial().catch((error: unknown) => `, but the partial report could not be written: ${error instanceof Error ? error.message : String(error)}`)
      : Promise.resolve(' before any check ran: no report written')
    void Promise.race([writing, timeout]).then((what) => {
      output.err(`as-ping-conformance: interrupted (SIGINT)${what}. Exit ${interruptedExitCode}.\n`)
      resolve(interruptedExitCode)
    })
  }
  process.on('SIGINT', onSignal)
  return { exitCode, dispose: () => process.removeListener('SIGINT', onSignal) }
}
