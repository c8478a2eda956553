import { hasRequirement, requirement } from '../harness/requirements/registry.js'
import { needs } from '../harness/requirements/requirement.js'
import type { Output } from './output.js'

/** Quiet for fast runs; then a line at intervals, so a minute-long wait never looks like a hang. */
const firstLineAfterMs = 5_000
const lineEveryMs = 10_000
/** Below this homeserver timeout no check waits long (the reference's 1.5 s): no progress lines at all. */
const slowTimeoutMs = 10_000

/**
 * The progress indication on stderr (stdout stays the report) while a run waits on a slow
 * homeserver timeout: how many checks are done, which are still running, and why the slow one
 * takes as long as it does.
 */
export function consoleProgress(
  output: Output,
  options: { hsTimeoutMs: number; requestDeadlineMs: number },
): { started(ids: readonly string[]): void; checkDone(id: string): void; stop(): void } {
  let pending: string[] = []
  let total = 0
  let startedAt = 0
  let timer: NodeJS.Timeout | undefined
  const tick = () => output.err(`${progressLine(pending, total, Date.now() - startedAt, options)}\n`)
  const quiet = options.hsTimeoutMs < slowTimeoutMs
  return {
    started(ids) {
      if (quiet) return
      pending = [...ids]
      total = ids.length
      startedAt = Date.now()
      timer = setTimeout(function again() {
        if (pending.length === 0) return
        tick()
        timer = setTimeout(again, lineEveryMs).unref()
      }, firstLineAfterMs).unref()
    },
    checkDone(id) {
      pending = pending.filter((p) => p !== id)
    },
    stop() {
      clearTimeout(timer)
    },
  }
}

/** `… 15 s: 27 of 28 checks done; waiting for HS-PING-TIMEOUT (…)` */
export function progressLine(
  pending: readonly string[],
  total: number,
  elapsedMs: number,
  options: { hsTimeoutMs: number; requestDeadlineMs: number },
): string {
  const shown = pending.slice(0, 3).join(', ') + (pending.length > 3 ? ` and ${pending.length - 3} more` : '')
  const waiting = pending.filter((id) => hasRequirement(id) && needs(requirement(id), 'long-wait'))
  const why = waiting.length
    ? ` (${waiting.join(', ')} ${waiting.length > 1 ? 'wait' : 'waits'} for the homeserver's own appservice timeout, ${seconds(options.hsTimeoutMs)}; at most ${seconds(options.requestDeadlineMs)})`
    : ''
  return `… ${seconds(elapsedMs)}: ${total - pending.length} of ${total} checks done; waiting for ${shown}${why}`
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`
}
