import type { Expectations } from '../runner/expectations.js'
import type { Endpoint, Level } from '../harness/requirements/requirement.js'
import type { CheckResult, LevelCounts, Summary } from '../runner/check-result.js'
import type { HarnessProblem } from '../runner/harness-problem.js'
import type { LoadStats } from '../runner/load-stats.js'
import type { FailOn } from '../runner/exit-code.js'
import type { Shard } from '../runner/shard.js'
import type { RunVerdict } from './exit-codes.js'

/**
 * The one result document of a run; every other rendering is made from it. Documented field by
 * field in docs/report-format.md. Later versions may add fields, never remove or change them:
 * fields added after the first release are optional here, so older reports still read.
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
  /** The summary's counts per requirement level. */
  summaryByLevel?: Record<Level, LevelCounts>
  exitCode: number
  /** The run at a glance, decided with exitCode (added in 0.4; parseRunReport fills it in for older reports). */
  verdict: RunVerdict
  /** Why the run could not give a verdict (exit 2), if it could not. */
  problems: HarnessProblem[]
  /** The one fault of the target the preflight saw before the checks, which the failures follow from. */
  headline?: string
  results: CheckResult[]
  /** Each endpoint the results name, as the renderings title it: its method and path in specs/ (MSC2659's unstable ones on an unstable run). */
  endpoints?: Partial<Record<Endpoint, string>>
  /**
   * 'unstable' when the run graded MSC2659's unstable endpoints instead of the spec's v1 ones: a
   * homeserver that advertised only `fi.mau.msc2659`, or an appservice whose own ping took the
   * unstable client path. Absent for the spec's paths. With it, `endpoints` titles the unstable ones.
   */
  dialect?: 'unstable'
  /** With `dialect`: the sentence every rendering shows near its top, naming the paths the run graded. */
  dialectNote?: string
  /** The one shell line that sets the variables the repro lines read (tokens read from the run's files, never printed). */
  reproEnvironment?: string
  /** Where and how the run was made, secrets removed. */
  provenance?: Provenance
  /** What failed the run: any failing result, or only new ones (--fail-on regressions). */
  failOn?: FailOn
  /** The --expectations file and how the run met it. */
  expectations?: ExpectationsSummary
  /** The --baseline comparison. */
  baseline?: BaselineSummary
  /** The part of a sharded run this report covers (--shard). */
  shard?: Shard
  /** The reports `merge` combined into this one. */
  mergedFrom?: MergedReport[]
  /** What the load mode measured (--load N --concurrency C; graded as HS-PING-LOAD). */
  load?: LoadStats
}

/** A config value as it appears in provenance. */
export type ConfigValue = string | number | boolean | string[] | null

export interface Provenance {
  /** Node.js version, e.g. v20.20.2. */
  node: string
  /** e.g. linux-x64 */
  platform: string
  /** The run's options by flag name; secrets replaced by fingerprints such as <user_token#1a2b3c>. */
  config: Record<string, ConfigValue>
  /** 16 hex digits of sha256 over the tool version and config: equal hashes mean the same suite run the same way. */
  configHash: string
}

export interface ExpectationsSummary {
  file: string
  /** Entries in the file. */
  entries: number
  /** Checks that failed (or were flaky, or were skipped) as the file says. */
  asExpected: string[]
  /** Expected failures that passed: each fails the run until its entry is removed. */
  unexpectedPasses: string[]
  /** Entries past their `until` date: each fails the run until renewed or removed. */
  expired: string[]
  /** Checks the file told the run not to run. */
  skipped: string[]
  /** Set when --update-expectations rewrote the file from this run. */
  updated?: { added: string[]; removed: string[] }
}

export interface BaselineSummary {
  file: string
  /** The baseline run's start and tool version. */
  startedAt: string
  toolVersion: string
  newlyFailing: string[]
  newlyPassing: string[]
  changed: string[]
  /** Checks the baseline ran and this run did not. */
  missing: string[]
}

export interface MergedReport {
  file: string
  shard?: Shard
  startedAt: string
  durationMs: number
  exitCode: number
}

/** The expectations a run is graded with, as loaded by the CLI. */
export interface LoadedExpectations {
  file: string
  entries: Expectations
  /** Ids the run skipped because of the file. */
  skipped: string[]
}
