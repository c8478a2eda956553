import { createHash } from 'node:crypto'
import { describeEndpointIn, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { hasRequirement, requirement } from '../harness/requirements/registry.js'
import { specLinkFor } from '../harness/requirements/spec-links.js'
import { diffAgainstBaseline } from './baseline-diff.js'
import { unstableDialectNotes } from './dialect-notes.js'
import { summarize, summarizeByLevel, type CheckResult } from './check-result.js'
import { attributeConsequences } from './consequences.js'
import { applyExpectations } from './expectations.js'
import { failsRun, runExitCode, runVerdict, type FailOn } from './exit-code.js'
import type { RunOutcome } from './run-homeserver-suite.js'
import type { Shard } from './shard.js'
import { toolVersion } from './tool-version.js'
import { failingExchange } from '../reports/failing-exchange.js'
import { reproEnvironment } from './repro-environment.js'
import type { ConfigValue, ExpectationsSummary, LoadedExpectations, MergedReport, RunReport } from '../reports/run-report.js'

export interface RunFacts {
  role: RunReport['role']
  target: RunReport['target']
  specVersion: string
  strict: boolean
  /** Default 'any'. */
  failOn?: FailOn
  expectations?: LoadedExpectations
  baseline?: { file: string; report: RunReport }
  /** What the CLI knows of where it runs and how it was configured (secrets already removed). */
  provenance?: { node: string; platform: string; config: Record<string, ConfigValue> }
  /** The CLI command that re-runs one check, for the repro line of each failure. */
  reproCommand?: (id: string) => string
  /**
   * How to set each variable the repro lines read, from the run's own files (name → shell
   * expression; see cli/repro-variables.ts). Without it (the reference, whose homeserver and
   * config live only during the run) the repro is the command alone, with no curl.
   */
  reproVariables?: Record<string, string>
  shard?: Shard
  mergedFrom?: MergedReport[]
  /** Tool version of the run (merge keeps the shards'); default this tool's. */
  toolVersion?: string
  /** Which paths the run graded (default: the spec's); 'unstable' for a homeserver advertising only `fi.mau.msc2659`. */
  dialect?: PingDialect
}

/**
 * The one place every verdict is decided (the CLI, `merge` and the library all come here): the
 * checks' results → their requirement's facts → consequences → the expectations → whether each
 * fails the run → the baseline → the exit code. The renderings in reports/ only show what it
 * decided. Pure; `merge` calls it again on the shards' results, so every step replaces what an
 * earlier call added.
 */
export function buildRunReport(
  outcome: Pick<RunOutcome, 'results' | 'problems' | 'startedAt' | 'durationMs' | 'load' | 'headline' | 'dialect'>,
  facts: RunFacts,
): RunReport {
  let results = gradeResults(outcome.results, facts, outcome.startedAt).map((r) => withRepro(r, facts))
  const environment = facts.reproVariables && reproEnvironment(results, facts.reproVariables)
  const baselineReport = facts.baseline?.report
  const diff = baselineReport ? diffAgainstBaseline(results, baselineReport) : undefined
  if (diff) results = diff.results
  const failOn = facts.failOn ?? 'any'
  const version = facts.toolVersion ?? toolVersion
  const exitCode = runExitCode(results, outcome.problems, { failOn, hasBaseline: Boolean(diff) })
  return {
    format: 'as-ping-conformance-report',
    version: 1,
    tool: { name: 'as-ping-conformance', version },
    role: facts.role,
    target: facts.target,
    specVersion: facts.specVersion,
    startedAt: outcome.startedAt,
    durationMs: outcome.durationMs,
    strict: facts.strict,
    summary: summarize(results),
    summaryByLevel: summarizeByLevel(results),
    exitCode,
    verdict: runVerdict(exitCode, results, { failOn, hasBaseline: Boolean(diff) }),
    problems: outcome.problems,
    ...(outcome.headline ? { headline: outcome.headline } : {}),
    results,
    ...dialectFields(facts.role, facts.dialect ?? outcome.dialect ?? 'stable'),
    ...(environment ? { reproEnvironment: environment } : {}),
    ...(facts.provenance ? { provenance: { ...facts.provenance, configHash: configHash(version, facts.provenance.config) } } : {}),
    failOn,
    ...(facts.expectations ? { expectations: expectationsSummary(facts.expectations, results) } : {}),
    ...(diff && facts.baseline && baselineReport
      ? {
          baseline: {
            file: facts.baseline.file,
            startedAt: baselineReport.startedAt,
            toolVersion: baselineReport.tool.version,
            newlyFailing: diff.newlyFailing,
            newlyPassing: diff.newlyPassing,
            changed: diff.changed,
            missing: diff.missing,
          },
        }
      : {}),
    ...(facts.shard ? { shard: facts.shard } : {}),
    ...(facts.mergedFrom ? { mergedFrom: facts.mergedFrom } : {}),
    ...(outcome.load ? { load: outcome.load } : {}),
  }
}

/**
 * The verdict of each result before the baseline: marked with its requirement's facts, its
 * consequences, its expectation, and whether it fails the run. The library grades each check
 * with it as it finishes in its own test, together with the checks of its describe block before
 * it (so that a consequence's owner is there); a run grades all of them at once. `startedAt`'s
 * date is the "today" that expectations expire by.
 */
export function gradeResults(
  results: readonly CheckResult[],
  facts: Pick<RunFacts, 'specVersion' | 'strict' | 'expectations'>,
  startedAt: string,
): CheckResult[] {
  let graded = attributeConsequences(results.map((r) => withRequirementFacts(r, facts.specVersion)))
  if (facts.expectations) graded = applyExpectations(graded, facts.expectations.entries, { today: startedAt.slice(0, 10), skipped: facts.expectations.skipped })
  return graded.map((r) => ({ ...r, failsRun: failsRun(r, facts.strict) }))
}

/** Level, since and endpoint come from the registry, so every rendering can group and label by them. */
function withRequirementFacts(result: CheckResult, gradedVersion: string): CheckResult {
  if (!hasRequirement(result.id)) return result
  const r = requirement(result.id)
  return { ...result, since: r.since, endpoint: r.endpoint, spec: specLinkFor(r.spec, gradedVersion, r.since) }
}

/**
 * The renderings title each endpoint by its method and path (specs/'s, or MSC2659's unstable ones),
 * and an unstable run says so near the top of every rendering. A homeserver run graded both paths
 * unstable (from /versions); an appservice run only its own ping's (the suite still calls its v1 ping).
 */
export function dialectFields(role: RunReport['role'], dialect: PingDialect): Pick<RunReport, 'endpoints' | 'dialect' | 'dialectNote'> {
  const served = role === 'homeserver' ? dialect : 'stable'
  const endpoints = { pingAppservice: describeEndpointIn(dialect, 'pingAppservice'), ping: describeEndpointIn(served, 'ping') }
  return dialect === 'unstable' ? { endpoints, dialect, dialectNote: unstableDialectNotes[role] } : { endpoints }
}

/** Adds the repro lines to a built report's results that lack them (for callers that pass reproCommand late). */
export function withReproCommands(report: RunReport, reproCommand: (id: string) => string): RunReport {
  return { ...report, results: report.results.map((r) => (r.reproduce ? r : withRepro(r, { reproCommand }))) }
}

/** The re-run of the check, and (when the run says how to set its variables) the failing exchange's curl, or what it needs instead. */
function withRepro(result: CheckResult, facts: Pick<RunFacts, 'reproCommand' | 'reproVariables'>): CheckResult {
  const attention = result.failsRun === true || result.status === 'fail' || result.status === 'warn'
  if (!attention || !facts.reproCommand) return result
  const exchange = facts.reproVariables ? failingExchange(result) : undefined
  const curl = exchange?.curl ? { curl: exchange.curl } : exchange?.needs ? { needs: exchange.needs } : {}
  const only = [...(result.reproduceWith ?? []), result.id].join(',')
  return { ...result, reproduce: { command: facts.reproCommand(only), ...curl } }
}

function expectationsSummary(loaded: LoadedExpectations, results: readonly CheckResult[]): ExpectationsSummary {
  const ids = (verdict: string) => results.filter((r) => r.expected?.verdict === verdict).map((r) => r.id)
  return {
    file: loaded.file,
    entries: Object.keys(loaded.entries).length,
    asExpected: ids('as-expected'),
    unexpectedPasses: ids('unexpected-pass'),
    expired: ids('expired'),
    skipped: [...loaded.skipped],
  }
}

function configHash(version: string, config: Record<string, ConfigValue>): string {
  const sorted = Object.fromEntries(Object.entries(config).sort(([a], [b]) => a.localeCompare(b)))
  return createHash('sha256')
    .update(JSON.stringify({ version, config: sorted }))
    .digest('hex')
    .slice(0, 16)
}
