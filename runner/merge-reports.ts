import { requirements } from '../harness/requirements/registry.js'
import { UsageError } from '../harness/usage-error.js'
import type { CheckResult, CheckStatus } from './check-result.js'
import type { Expectations } from './expectations.js'
import type { HarnessProblem } from './harness-problem.js'
import type { RunFacts } from './build-run-report.js'
import type { ConfigValue, RunReport } from '../reports/run-report.js'

export interface ReportFile {
  file: string
  report: RunReport
}

/** A check run in several shards is graded by its worst result; skip means "not run here". */
const rank: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 }

/**
 * Combines the JSON reports of a sharded run (or of runs split by --only) into the outcome and
 * facts of one run, for buildRunReport. Refuses reports of different targets or settings, and an
 * incomplete or repeated set of shards: a merged verdict must cover the whole run exactly once.
 */
export function mergeReports(inputs: readonly ReportFile[]): {
  outcome: { results: CheckResult[]; problems: HarnessProblem[]; startedAt: string; durationMs: number; headline?: string }
  facts: RunFacts
} {
  if (inputs.length === 0) throw new UsageError('merge needs at least one report', 'pass the JSON reports of every shard')
  const first = inputs[0]!.report
  for (const { file, report } of inputs) {
    for (const [what, a, b] of [
      ['role', report.role, first.role],
      ['target', report.target.url, first.target.url],
      ['spec version', report.specVersion, first.specVersion],
      ['--strict', String(report.strict), String(first.strict)],
      ['tool version', report.tool.version, first.tool.version],
      ['ping endpoints', report.dialect ?? 'stable', first.dialect ?? 'stable'],
    ] as const) {
      if (a !== b) throw new UsageError(`${file} has ${what} ${a}, but ${inputs[0]!.file} has ${b}`, 'merge only the shards of one run')
    }
  }
  checkShards(inputs)
  const byId = new Map<string, CheckResult>()
  for (const { report } of inputs) {
    for (const r of report.results) {
      const seen = byId.get(r.id)
      if (!seen || rank[r.status] > rank[seen.status]) byId.set(r.id, r)
    }
  }
  const order = new Map(requirements.map((r, i) => [r.id, i]))
  const results = [...byId.values()].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity))
  const problems = inputs.flatMap(({ report }) =>
    report.problems.map((p) => ({ ...p, where: report.shard ? `shard ${report.shard.index}/${report.shard.count}: ${p.where}` : p.where })),
  )
  const starts = inputs.map(({ report }) => Date.parse(report.startedAt))
  const ends = inputs.map(({ report }) => Date.parse(report.startedAt) + report.durationMs)
  const start = Math.min(...starts)
  return {
    outcome: {
      results,
      problems,
      startedAt: new Date(start).toISOString(),
      durationMs: Math.max(...ends) - start,
      ...headlineOf(inputs),
    },
    facts: {
      role: first.role,
      target: first.target,
      specVersion: first.specVersion,
      strict: first.strict,
      toolVersion: first.tool.version,
      ...(first.dialect ? { dialect: first.dialect } : {}),
      ...(first.provenance ? { provenance: { node: first.provenance.node, platform: first.provenance.platform, config: commonConfig(inputs) } } : {}),
      ...(inputs.every(({ report }) => report.expectations)
        ? {
            expectations: {
              file: first.expectations!.file,
              entries: expectationsOf(results),
              skipped: [...new Set(inputs.flatMap(({ report }) => report.expectations!.skipped))],
            },
          }
        : {}),
      mergedFrom: inputs.map(({ file, report }) => ({
        file,
        ...(report.shard ? { shard: report.shard } : {}),
        startedAt: report.startedAt,
        durationMs: report.durationMs,
        exitCode: report.exitCode,
      })),
    },
  }
}

function checkShards(inputs: readonly ReportFile[]): void {
  const sharded = inputs.filter(({ report }) => report.shard)
  if (sharded.length === 0) return
  if (sharded.length !== inputs.length) throw new UsageError('some reports are shards and some are not', 'merge the shards of one run only')
  const count = inputs[0]!.report.shard!.count
  const seen = new Set<number>()
  for (const { file, report } of inputs) {
    if (report.shard!.count !== count)
      throw new UsageError(`${file} is shard ${report.shard!.index}/${report.shard!.count}, the others are of ${count}`, 'merge the shards of one run only')
    if (seen.has(report.shard!.index)) throw new UsageError(`shard ${report.shard!.index}/${count} is given twice (${file})`, 'pass each shard once')
    seen.add(report.shard!.index)
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i))
  if (missing.length)
    throw new UsageError(
      `shard ${missing.map((i) => `${i}/${count}`).join(', ')} missing`,
      'pass the JSON report of every shard; a merged verdict must cover the whole run',
    )
}

/** Options every shard ran with alike; those that differ (the shard, the stub's address) are marked so. */
function commonConfig(inputs: readonly ReportFile[]): Record<string, ConfigValue> {
  const configs = inputs.map(({ report }) => report.provenance?.config ?? {})
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))]
  return Object.fromEntries(
    keys.map((k) => {
      const values = new Set(configs.map((c) => JSON.stringify(c[k] ?? null)))
      return [k, values.size === 1 ? (configs[0]![k] ?? null) : '(differs between shards)']
    }),
  )
}

/** The entries the shards applied, read back from their results. */
function expectationsOf(results: readonly CheckResult[]): Expectations {
  const entries: Expectations = {}
  for (const r of results)
    if (r.expected) entries[r.id] = { expect: r.expected.expect, reason: r.expected.reason, ...(r.expected.until ? { until: r.expected.until } : {}) }
  return entries
}

/** Every shard's preflight sees the same target, but only a shard that ran the owner's check could confirm it: any one's headline. */
function headlineOf(inputs: readonly ReportFile[]): { headline?: string } {
  const headline = inputs.map(({ report }) => report.headline).find((h) => h !== undefined)
  return headline ? { headline } : {}
}
