import type { CheckResult, CheckStatus } from '../runner/check-result.js'
import type { ConsoleStyle } from './console-style.js'
import type { RunReport } from './run-report.js'

export const statusMarks: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' }

/**
 * The run's first line, printed before the checks stream: suite version, role, target and the
 * spec version it is graded against.
 */
export function renderRunHeader(run: Pick<RunReport, 'tool' | 'role' | 'target' | 'specVersion' | 'dialectNote'>): string {
  const advertised = run.target.versions.length ? `; target advertises ${run.target.versions.at(-1)}` : ''
  const header = `as-ping-conformance ${run.tool.version}: ${run.role} ${run.target.url} (graded against ${run.specVersion}${advertised})`
  return run.dialectNote ? `${header}\n${dialectNoteLine(run.dialectNote)}` : header
}

/** The report's dialect note as the console's sentence. */
export function dialectNoteLine(note: string): string {
  return `${capitalized(note)}.`
}

/**
 * The line shown the moment a check finishes: what the check itself saw, in words that stay true
 * (held, did not hold, not run), never its verdict: consequences, the expectations file and the
 * checks graded from the whole run are weighed only at the end, and the summary counts those.
 */
export function renderCheckLine(observed: CheckResult, style: ConsoleStyle): string {
  const mark = style.status(observed.status, statusMarks[observed.status])
  const duration = style.dim(`${observed.durationMs} ms`)
  return `${mark} ${observed.id}  ${style.dim(`[${observed.level}]`)}  ${style.status(observed.status, observation(observed))}  ${observed.title}  ${duration}`
}

function observation(r: CheckResult): string {
  if (r.status === 'pass') return r.level === 'INFO' && r.message ? `recorded (${r.message})` : 'held'
  if (r.status !== 'skip') return 'did not hold'
  // A fault of the suite: its message may quote a request, redacted only in the report at the end.
  return r.failure?.harness ? 'not run: a fault of the suite (said at the end)' : `not run (${r.message ?? 'skipped'})`
}

function capitalized(sentence: string): string {
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}`
}
