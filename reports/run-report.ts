import type { CheckResult, Summary } from '../runner/check-result'
import type { HarnessProblem } from '../runner/collect-results-reporter'

/**
 * The one result document of a run; every other rendering is made from it. Documented in the
 * README ("JSON report"). Later versions may add fields, never remove or change them.
 */
export interface RunReport {
  format: 'as-ping-conformance-report'
  version: 1
  tool: { name: string; version: string }
  role: 'homeserver' | 'appservice'
  target: { url: string; versions: string[] }
  specVersion: string
  startedAt: string
  durationMs: number
  strict: boolean
  summary: Summary
  exitCode: number
  /** Why the run could not give a verdict (exit 2), if it could not. */
  problems: HarnessProblem[]
  results: CheckResult[]
}
