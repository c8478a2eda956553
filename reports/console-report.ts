import type { CheckResult } from '../runner/check-result.js'
import { countsText, explain, levels, needsExplaining, reproEnvironmentText, resultVerdict, runVerdict } from './report-wording.js'
import { renderLoadStats } from './load-stats-lines.js'
import { rateLimitSummary } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

const marks: Record<CheckResult['status'], string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' }

/** How many exchanges a failure shows; the JSON and HTML reports keep them all. */
const shownExchanges = 4
/** How many 429s the terminal lists; the other reports keep them all. */
const shownRateLimits = 10

/**
 * The terminal rendering, in the house style: one line per check (id, level, verdict), then each
 * failure and warning with spec link, requirement, expected vs actual, both hops of the exchange
 * (tokens as fingerprints) and a repro, then the expectations and baseline, then counts by level.
 */
export function renderConsoleReport(report: RunReport): string {
  const lines: string[] = []
  const advertised = report.target.versions.length ? `; target advertises ${report.target.versions.at(-1)}` : ''
  lines.push(`as-ping-conformance ${report.tool.version}: ${report.role} ${report.target.url} (graded against ${report.specVersion}${advertised})`)
  if (report.headline) lines.push(report.headline)
  if (report.shard) lines.push(`Shard ${report.shard.index}/${report.shard.count}: merge the shards' JSON reports with \`as-ping-conformance merge\`.`)
  lines.push('')
  for (const r of report.results) {
    const extra = r.status === 'skip' || (r.level === 'INFO' && r.message) ? `  (${r.message})` : ''
    lines.push(`${r.failsRun && r.status === 'pass' ? '✗' : marks[r.status]} ${r.id}  [${r.level}]  ${resultVerdict(r)}  ${r.title}${extra}`)
  }
  for (const r of report.results.filter(needsExplaining)) lines.push('', ...renderFailure(r))
  const environment = reproEnvironmentText(report)
  if (environment) lines.push('', environment)
  if (report.problems.length) {
    lines.push('', 'The run could not give a verdict:')
    for (const p of report.problems) lines.push(`  ${p.where}: ${p.message}`)
  }
  lines.push('', ...expectationLines(report), ...baselineLines(report))
  if (report.load) lines.push(...renderLoadStats(report.load), '')
  const limited = rateLimitSummary(report)
  if (limited)
    lines.push(
      limited.heading,
      ...limited.entries.slice(0, shownRateLimits).map((e) => `  ${e}`),
      ...(limited.entries.length > shownRateLimits ? [`  … ${limited.entries.length - shownRateLimits} more in the JSON report`] : []),
      '',
    )
  if (report.summaryByLevel) {
    const byLevel = levels.map((level) => `${level} ${countsText(report.summaryByLevel![level])}`)
    lines.push(`By level: ${byLevel.join('; ')}`)
  }
  const s = report.summary
  lines.push(`Summary: ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped`)
  lines.push(`Warnings: ${s.warn}${report.strict ? ' (failures under --strict)' : ''}. ${runVerdict(report).sentence}`)
  return `${lines.join('\n')}\n`
}

function renderFailure(r: CheckResult): string[] {
  const e = explain(r)
  const out = [`${r.status === 'warn' ? '!' : '✗'} ${e.heading}`, `  Spec: ${e.spec}`, `  Requirement: "${e.requirement}"`]
  for (const m of e.mismatches) out.push(`  - ${m}`)
  if (e.expected) out.push(`    Expected: ${e.expected}`)
  if (e.actual) out.push(`      Actual: ${e.actual}`)
  for (const note of e.notes) out.push(`  ${note}`)
  if (e.exchange.length) {
    out.push('  Exchange (tokens redacted):')
    for (const hop of e.exchange.slice(0, shownExchanges)) out.push(...hop.map((line) => `    ${line}`))
    if (e.exchange.length > shownExchanges) out.push(`    … ${e.exchange.length - shownExchanges} more exchanges in the JSON and HTML reports`)
  }
  e.reproduce.forEach((line, i) => out.push(`  ${i === 0 ? 'Reproduce: ' : '           '}${line}`))
  return out
}

function expectationLines(report: RunReport): string[] {
  const x = report.expectations
  if (!x) return []
  const parts = [`${x.asExpected.length} as expected`, `${x.skipped.length} skipped`]
  if (x.unexpectedPasses.length) parts.push(`UNEXPECTED PASSES (remove their entries): ${x.unexpectedPasses.join(', ')}`)
  if (x.expired.length) parts.push(`EXPIRED (renew or remove): ${x.expired.join(', ')}`)
  const lines = [`Expectations (${x.file}, ${x.entries} entries): ${parts.join('; ')}`]
  if (x.updated)
    lines.push(
      `  Updated ${x.file}: added ${x.updated.added.join(', ') || 'none'}; removed ${x.updated.removed.join(', ') || 'none'}. Replace the TODO reasons.`,
    )
  return lines
}

function baselineLines(report: RunReport): string[] {
  const b = report.baseline
  if (!b) return []
  const list = (ids: string[]) => (ids.length ? `: ${ids.join(', ')}` : '')
  return [
    `Baseline (${b.file}, run of ${b.startedAt}): ${b.newlyFailing.length} newly failing${list(b.newlyFailing)}; ${b.newlyPassing.length} newly passing${list(b.newlyPassing)}; ${b.changed.length} changed${list(b.changed)}${b.missing.length ? `; not run now: ${b.missing.join(', ')}` : ''}`,
  ]
}
