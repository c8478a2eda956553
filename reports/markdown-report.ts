import type { CheckResult } from '../runner/check-result.js'
import { countsText, explain, levels, needsExplaining, provenanceRows, reproEnvironmentText, resultVerdict, runVerdict } from './report-wording.js'
import { rateLimitSummary } from './rate-limit-lines.js'
import type { RunReport } from './run-report.js'

const icons: Record<CheckResult['status'], string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️' }

/**
 * Markdown for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab, …): the verdict and counts first,
 * then what changed against the baseline, each failure in a collapsed <details>, and provenance.
 */
export function renderMarkdownReport(report: RunReport): string {
  const verdict = runVerdict(report)
  const out: string[] = [
    `## as-ping-conformance: ${verdict.label === 'CONFORMS' || verdict.label === 'NO REGRESSIONS' ? '✅' : '❌'} ${verdict.label}`,
    '',
    `${verdict.sentence} ${report.role} \`${report.target.url}\`, graded against ${report.specVersion}.`,
    '',
  ]
  if (report.dialectNote) out.push(`Note: ${report.dialectNote}.`, '')
  if (report.headline) out.push(`**${report.headline}**`, '')
  out.push('| Level | Passed | Failed | Warned | Skipped |', '|---|---:|---:|---:|---:|')
  for (const level of levels) {
    const c = report.summaryByLevel?.[level]
    if (c) out.push(`| ${level} | ${c.pass} | ${c.fail} | ${c.warn} | ${c.skip} |`)
  }
  const s = report.summary
  out.push(`| **All** | **${s.pass}** | **${s.fail}** | **${s.warn}** | **${s.skip}** |`, '')
  if (report.baseline) {
    const b = report.baseline
    const ids = (list: string[]) => (list.length ? list.map((id) => `\`${id}\``).join(', ') : 'none')
    out.push(
      `**Against the baseline** (run of ${b.startedAt}): newly failing ${ids(b.newlyFailing)}; newly passing ${ids(b.newlyPassing)}; changed ${ids(b.changed)}.`,
      '',
    )
  }
  if (report.expectations) {
    const x = report.expectations
    const problems = [...x.unexpectedPasses.map((id) => `\`${id}\` passed unexpectedly`), ...x.expired.map((id) => `\`${id}\` expectation expired`)]
    out.push(
      `**Expectations** (\`${x.file}\`): ${x.asExpected.length} as expected, ${x.skipped.length} skipped${problems.length ? `; ${problems.join(', ')}` : ''}.`,
      '',
    )
  }
  const limited = rateLimitSummary(report)
  if (limited) out.push(`<details><summary>${html(limited.heading)}</summary>`, '', ...limited.entries.map((e) => `- ${cell(e)}`), '', '</details>', '')
  if (report.problems.length) {
    out.push('**The run could not give a verdict:**', '', ...report.problems.map((p) => `- ${cell(p.where)}: ${cell(p.message)}`), '')
  }
  const attention = report.results.filter(needsExplaining)
  if (attention.length) {
    out.push('### Failures and warnings', '')
    for (const r of attention) out.push(...details(r), '')
    const environment = reproEnvironmentText(report)
    if (environment) out.push(fence(environment), '')
  }
  out.push('<details><summary>All checks</summary>', '', '| | Check | Level | Verdict |', '|---|---|---|---|')
  for (const r of report.results) out.push(`| ${icons[r.status]} | [\`${r.id}\`](${r.spec}) ${cell(r.title)} | ${r.level} | ${cell(resultVerdict(r))} |`)
  out.push('', '</details>', '', '<details><summary>Provenance</summary>', '', '| | |', '|---|---|')
  for (const [k, v] of provenanceRows(report)) out.push(`| ${cell(k)} | ${cell(v)} |`)
  out.push('', '</details>', '', `_${countsText(report.summary)}._`, '')
  return out.join('\n')
}

function details(r: CheckResult): string[] {
  const e = explain(r)
  const block = [
    `Spec: ${e.spec}`,
    `Requirement: "${e.requirement}"`,
    ...e.mismatches.map((m) => `- ${m}`),
    ...(e.expected ? [`  Expected: ${e.expected}`] : []),
    ...(e.actual ? [`    Actual: ${e.actual}`] : []),
    ...e.notes,
    ...(e.exchange.length ? ['Exchange (tokens redacted):', ...e.exchange.flat().map((l) => `  ${l}`)] : []),
    ...e.reproduce.map((l, i) => `${i === 0 ? 'Reproduce: ' : '           '}${l}`),
  ]
  return [
    `<details><summary>${icons[r.status]} <code>${html(r.id)}</code> [${r.level}] ${html(resultVerdict(r))}: ${html(r.title)}</summary>`,
    '',
    fence(block.join('\n')),
    '',
    '</details>',
  ]
}

/** A fence longer than any backtick run inside, so no text can close it early. */
function fence(body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length))
  const ticks = '`'.repeat(longest + 1)
  return `${ticks}text\n${body}\n${ticks}`
}

function cell(value: string): string {
  return html(value).replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function html(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
