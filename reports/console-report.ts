import type { CheckResult } from '../runner/check-result'
import type { RunReport } from './run-report'

const marks: Record<CheckResult['status'], string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' }

/**
 * The terminal rendering: one line per check, then every failure and warning in the house style
 * (id, level, spec link, requirement, expected vs actual, both hops, repro), then the counts.
 */
export function renderConsoleReport(report: RunReport, reproCommand: (id: string) => string): string {
  const lines: string[] = []
  lines.push(`as-ping-conformance ${report.tool.version}: ${report.role} ${report.target.url} (graded against ${report.specVersion})`, '')
  for (const r of report.results) {
    const extra = r.status === 'skip' || (r.level === 'INFO' && r.message) ? `  (${r.message})` : ''
    lines.push(`${marks[r.status]} ${r.id}  [${r.level}]  ${r.title}${extra}`)
  }
  const attention = report.results.filter((r) => r.status === 'fail' || r.status === 'warn')
  for (const r of attention) lines.push('', ...renderFailure(r, reproCommand))
  if (report.problems.length) {
    lines.push('', 'The run could not give a verdict:')
    for (const p of report.problems) lines.push(`  ${p.where}: ${p.message}`)
  }
  const s = report.summary
  lines.push('', `Summary: ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped`)
  lines.push(`Warnings: ${s.warn}${report.strict ? ' (failures under --strict)' : ''}. ${verdict(report)}`)
  return `${lines.join('\n')}\n`
}

function renderFailure(r: CheckResult, reproCommand: (id: string) => string): string[] {
  const head = `${r.status === 'fail' ? '✗' : '!'} ${r.id}  [${r.level} · since v1.7]  ${r.status === 'fail' ? 'FAILED' : 'WARNING'}: ${r.title}`
  const out = [head, `  Spec: ${r.spec}`, `  Requirement: "${r.requirement}"`]
  if (r.failure) {
    for (const m of r.failure.mismatches) out.push(`  - ${m}`)
    out.push(`    Expected: ${r.failure.expected}`, `      Actual: ${r.failure.actual}`)
  }
  const transcript = r.transcript ?? []
  if (transcript.length) {
    out.push('  Exchange (tokens redacted):')
    for (const t of transcript.slice(0, 4)) {
      out.push(`    ${t.sent}`, ...t.callbacks.map((c) => `    ${c}`), ...(t.received ? [`    ${t.received}`] : []))
    }
    if (transcript.length > 4) out.push(`    … ${transcript.length - 4} more exchanges in the JSON report`)
  }
  out.push(`  Reproduce: ${reproCommand(r.id)}`)
  const curl = transcript.find((t) => t.curl)?.curl
  if (curl) out.push(`             ${curl}`)
  return out
}

function verdict(report: RunReport): string {
  if (report.exitCode === 2) return 'No verdict (exit 2).'
  return report.exitCode === 0 ? 'The target conforms (exit 0).' : 'The target does not conform (exit 1).'
}
