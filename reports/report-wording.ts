import type { Level } from '../harness/requirements/requirement.js'
import type { CheckResult, LevelCounts } from '../runner/check-result.js'
import type { RunVerdict } from './exit-codes.js'
import type { RunReport } from './run-report.js'

/**
 * The words every rendering shares (console, JUnit, HTML, Markdown), so they never disagree:
 * a result's verdict, the run's verdict, the provenance, and the parts of a failure.
 */

export const levels: readonly Level[] = ['MUST', 'SHOULD', 'INFO']

/** A result's verdict in capitals, with the expectations file taken into account. */
export function resultVerdict(r: CheckResult): string {
  switch (r.expected?.verdict) {
    case 'unexpected-pass':
      return 'UNEXPECTED PASS'
    case 'expired':
      return `${plainVerdict(r)} (EXPECTATION EXPIRED)`
    case 'as-expected':
      if (r.expected.expect === 'fail') return 'EXPECTED FAIL'
      if (r.expected.expect === 'flaky') return `${plainVerdict(r)} (KNOWN FLAKY)`
      return 'SKIP'
    default:
      return plainVerdict(r)
  }
}

/** A result in one line, e.g. "FAIL: expected HTTP 502, got 500": what a CI list shows beside its id. */
export function resultLine(r: CheckResult): string {
  return `${resultVerdict(r)}: ${r.message ?? r.title}`.split('\n')[0]!
}

function plainVerdict(r: CheckResult): string {
  return { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' }[r.status]
}

/** Results worth explaining: failures, warnings, and anything that fails the run. */
export function needsExplaining(r: CheckResult): boolean {
  return r.status === 'fail' || r.status === 'warn' || Boolean(r.failsRun)
}

const verdictWords: Readonly<Record<RunVerdict, { label: string; sentence: string }>> = {
  'no-verdict': { label: 'NO VERDICT', sentence: 'No verdict (exit 2): the run could not be done.' },
  'no-regressions': { label: 'NO REGRESSIONS', sentence: 'No new failures since the baseline (exit 0); older failures remain.' },
  conforms: { label: 'CONFORMS', sentence: 'The target conforms (exit 0).' },
  regressed: { label: 'REGRESSED', sentence: 'New failures since the baseline (exit 1).' },
  'does-not-conform': { label: 'DOES NOT CONFORM', sentence: 'The target does not conform (exit 1).' },
}

/** The run at a glance, in words. */
export function runVerdict(report: RunReport): { label: string; sentence: string } {
  return verdictWords[report.verdict]
}

/** "20 passed, 1 failed, 2 warned, 0 skipped"; `paint` marks each count that is not zero (the console's colour). */
export function countsText(c: LevelCounts, paint: (status: keyof LevelCounts, text: string) => string = (_status, text) => text): string {
  const part = (status: keyof LevelCounts, word: string) => (c[status] ? paint(status, `${c[status]} ${word}`) : `0 ${word}`)
  return [part('pass', 'passed'), part('fail', 'failed'), part('warn', 'warned'), part('skip', 'skipped')].join(', ')
}

/** Provenance as label/value pairs: suite and spec versions, the target's versions, time, config. */
export function provenanceRows(report: RunReport): [string, string][] {
  const rows: [string, string][] = [
    ['Suite', `${report.tool.name} ${report.tool.version}`],
    ['Role', report.role],
    ['Target', report.target.url],
    ['Graded against', report.specVersion],
    ['Target advertises', report.target.versions.join(', ') || '(nothing)'],
    ['Started', report.startedAt],
    ['Duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ['Strict', report.strict ? 'yes (SHOULD warnings fail)' : 'no'],
    ['Fails on', report.failOn === 'regressions' ? 'regressions against the baseline' : 'any failure'],
  ]
  if (report.shard) rows.push(['Shard', `${report.shard.index}/${report.shard.count}`])
  if (report.mergedFrom)
    rows.push(['Merged from', report.mergedFrom.map((m) => (m.shard ? `${m.file} (shard ${m.shard.index}/${m.shard.count})` : m.file)).join(', ')])
  const p = report.provenance
  if (p) {
    rows.push(['Runtime', `Node.js ${p.node} on ${p.platform}`])
    const config = Object.entries(p.config).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    rows.push(['Config (secrets removed)', config.join(' ') || '(defaults)'], ['Config hash', p.configHash])
  }
  return rows
}

/** The parts of a failure's explanation, in the house style's order. */
export interface FailureExplanation {
  heading: string
  spec: string
  requirement: string
  mismatches: string[]
  expected?: string
  actual?: string
  /** Notes from the expectations file and the baseline. */
  notes: string[]
  /** Both hops of each exchange, already redacted: sent, what the stub saw, what came back. */
  exchange: string[][]
  reproduce: string[]
}

export function explain(r: CheckResult): FailureExplanation {
  const notes: string[] = []
  if (r.expected) {
    const until = r.expected.until ? ` (until ${r.expected.until})` : ''
    const what = {
      'as-expected': 'As expected.',
      'unexpected-pass': 'It passed: remove the entry.',
      expired: 'The entry has expired: renew or remove it.',
      'not-run': 'Not run.',
    }[r.expected.verdict]
    notes.push(`Expectations file: expect ${r.expected.expect}${until} — "${r.expected.reason}". ${what}`)
  }
  if (r.regression) {
    const before = r.regression.previous
      ? `was ${r.regression.previous.status.toUpperCase()}${r.regression.previous.message ? `: ${r.regression.previous.message}` : ''}`
      : 'not in the baseline'
    notes.push(`Baseline: ${r.regression.change} (${before})`)
  }
  return {
    heading: `${r.id}  [${r.level} · since ${r.since ?? 'v1.7'}]  ${resultVerdict(r)}: ${r.title}`,
    spec: r.spec,
    requirement: r.requirement,
    mismatches: r.failure?.mismatches ?? (r.message && r.status !== 'pass' ? [r.message] : []),
    ...(r.failure?.expected ? { expected: r.failure.expected } : {}),
    ...(r.failure?.actual ? { actual: r.failure.actual } : {}),
    notes,
    exchange: (r.transcript ?? []).map((t) => [t.sent, ...t.callbacks, ...(t.received ? [t.received] : [])]),
    reproduce: r.reproduce ? [r.reproduce.command, ...reproduceExchange(r.reproduce)] : [],
  }
}

/** The line after the command: the failing exchange's curl, or why there is none. */
function reproduceExchange(reproduce: NonNullable<CheckResult['reproduce']>): string[] {
  if (reproduce.curl) return [reproduce.curl]
  return reproduce.needs ? [`(needs ${reproduce.needs}: re-run with the npx command)`] : []
}

/** The run's one line on setting the repro lines' variables, or undefined when they read none. */
export function reproEnvironmentText(report: RunReport): string | undefined {
  return (
    report.reproEnvironment &&
    `Before the repro lines, set their variables (the tokens are read from the run's files, never printed): ${report.reproEnvironment}`
  )
}
