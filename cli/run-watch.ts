import { renderCheckLine } from '../reports/check-line.js'
import { consoleStyle } from '../reports/console-style.js'
import type { PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import type { CheckResult, CheckStatus } from '../runner/check-result.js'
import type { RunProgress } from '../runner/run-progress.js'
import type { Output } from './output.js'
import { consoleProgress } from './progress.js'

/** What a run has shown so far: the final report's streamed lines, and an interrupted run's partial report. */
export interface RunWatch extends RunProgress {
  /** Each finished check's result as it was shown. */
  readonly observed: readonly CheckResult[]
  /** The checks the run was to grade, those the expectations file skipped, and the endpoints graded when MSC2659's unstable ones. */
  readonly plan: { ids: readonly string[]; skipped: readonly string[]; dialect?: PingDialect }
  /** The status each shown line gave, by check id (renderConsoleReport's `streamed`). */
  streamed(): ReadonlyMap<string, CheckStatus>
  stop(): void
}

/**
 * Shows the run's header line and each check on stdout as it finishes (one line, what it saw), and on stderr, while a slow
 * homeserver timeout holds the run, how far it has got (progress.ts).
 */
export function watchRun(output: Output, timing: { hsTimeoutMs: number; requestDeadlineMs: number }, header: string): RunWatch {
  const progress = consoleProgress(output, timing)
  const style = consoleStyle(output.colour ?? false)
  const observed: CheckResult[] = []
  let plan: RunWatch['plan'] = { ids: [], skipped: [] }
  // Once stopped (the run ended, or Ctrl-C froze what the partial report holds), nothing more is shown or kept.
  let stopped = false
  return {
    observed,
    get plan() {
      return plan
    },
    planned(ids, skipped, dialect) {
      plan = { ids: [...ids], skipped: [...skipped], ...(dialect ? { dialect } : {}) }
      // Once the preflight has passed: a run that cannot start prints only its one-line error.
      output.out(`${header}\n`)
    },
    started(ids) {
      progress.started(ids)
    },
    checkDone(result) {
      if (stopped) return
      observed.push(result)
      progress.checkDone(result.id)
      output.out(`${renderCheckLine(result, style)}\n`)
    },
    streamed: () => new Map(observed.map((r) => [r.id, r.status])),
    stop() {
      stopped = true
      progress.stop()
    },
  }
}
