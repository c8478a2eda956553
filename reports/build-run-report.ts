import { summarize } from '../runner/check-result'
import { ExitCode, exitCodeFor } from '../runner/exit-code'
import type { RunOutcome } from '../runner/run-homeserver-suite'
import { toolVersion } from '../cli/tool-version'
import type { RunReport } from './run-report'

export interface RunFacts {
  role: RunReport['role']
  target: RunReport['target']
  specVersion: string
  strict: boolean
}

/** The one result document of a run, with its summary and exit code decided. */
export function buildRunReport(outcome: RunOutcome, facts: RunFacts): RunReport {
  const exitCode = outcome.problems.length ? ExitCode.unusable : exitCodeFor(outcome.results, facts)
  return {
    format: 'as-ping-conformance-report',
    version: 1,
    tool: { name: 'as-ping-conformance', version: toolVersion },
    role: facts.role,
    target: facts.target,
    specVersion: facts.specVersion,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    strict: facts.strict,
    summary: summarize(outcome.results),
    exitCode,
    problems: outcome.problems,
    results: outcome.results,
  }
}
