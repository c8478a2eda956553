import type { CheckResult, CheckStatus } from '../runner/check-result.js'
import { explain, needsExplaining, reproEnvironmentText, resultVerdict } from './report-wording.js'
import { dialectNoteLine, renderRunHeader, statusMarks } from './check-line.js'
import { consoleStyle, type ConsoleStyle } from './console-style.js'
import { renderSummary } from './console-summary.js'
import { renderLoadStats } from './load-stats-lines.js'
import { rateLimitSummary } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

/** How many exchanges a failure shows; the JSON and HTML reports keep them all. */
const shownExchanges = 4
/** How many 429s the terminal lists; the other reports keep them all. */
const shownRateLimits = 10

export interface ConsoleOptions {
  /** Colour (the CLI decides, cli/colour-choice.ts); default plain text. */
  colour?: boolean
  /**
   * What each check saw, by id, as its line was shown when it finished (renderCheckLine): the
   * header and those lines are then not repeated, and only the verdicts they do not tell are listed.
   */
  streamed?: ReadonlyMap<string, CheckStatus>
}

/**
 * The terminal rendering, in the house style: one line per check (id, level, verdict), then each
 * failure and warning with spec link, requirement, expected vs actual, both hops of the exchange
 * (tokens as fingerprints) and a repro, then the expectations and baseline, then the counts.
 */
export function renderConsoleReport(report: RunReport, options: ConsoleOptions = {}): string {
  const style = consoleStyle(options.colour ?? false)
  const lines: string[] = []
  if (!options.streamed) lines.push(renderRunHeader(report))
  if (report.headline) lines.push(report.headline)
  // A streamed homeserver run's header told it; an appservice run's header comes before the ping that shows it.
  if (options.streamed && report.role === 'appservice' && report.dialectNote) lines.push(dialectNoteLine(report.dialectNote))
  if (report.shard) lines.push(`Shard ${report.shard.index}/${report.shard.count}: merge the shards' JSON reports with \`as-ping-conformance merge\`.`)
  const listed = options.streamed ? report.results.filter((r) => !toldBy(options.streamed!, r)) : report.results
  if (options.streamed && listed.length)
    lines.push('', style.bold('Weighed after the run (where these verdicts differ from the lines above, the summary counts these):'))
  else if (!options.streamed) lines.push('')
  for (const r of listed) lines.push(verdictLine(r, style))
  for (const r of report.results.filter(needsExplaining)) lines.push('', ...renderFailure(r, style))
  const environment = reproEnvironmentText(report)
  if (environment) lines.push('', environment)
  if (report.problems.length) {
    lines.push('', style.status('warn', 'The run could not give a verdict:'))
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
  lines.push(...renderSummary(report, style))
  return `${lines.join('\n')}\n`
}

/** Whether the line streamed for this check already tells its verdict: same status, and nothing weighed after the run changed it. */
function toldBy(streamed: ReadonlyMap<string, CheckStatus>, r: CheckResult): boolean {
  return streamed.get(r.id) === r.status && !r.expected && !r.consequenceOf && Boolean(r.failsRun) === (r.status === 'fail')
}

function verdictLine(r: CheckResult, style: ConsoleStyle): string {
  const extra = r.status === 'skip' || (r.level === 'INFO' && r.message) ? `  (${r.message})` : ''
  const status: CheckStatus = r.failsRun && r.status === 'pass' ? 'fail' : r.status
  return `${style.status(status, statusMarks[status])} ${r.id}  [${r.level}]  ${style.status(status, resultVerdict(r))}  ${r.title}${extra}`
}

function renderFailure(r: CheckResult, style: ConsoleStyle): string[] {
  const e = explain(r)
  const status = r.status === 'warn' ? 'warn' : 'fail'
  const out = [style.status(status, `${statusMarks[status]} ${e.heading}`), `  Spec: ${e.spec}`, `  Requirement: "${e.requirement}"`]
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
