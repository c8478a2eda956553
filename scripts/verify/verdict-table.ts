import type { Difference, Repetition } from './verdicts.js'

/**
 * The table verify prints: one row per target with its exit codes, its status counts in the
 * first repetition and whether every verdict held; then each verdict that changed.
 */
export function renderVerdictTable(repetitions: readonly Repetition[], changed: readonly Difference[]): string {
  const targets = [...new Set(repetitions.flatMap((r) => [...r.keys()]))]
  const unstable = new Set(changed.map((d) => d.target))
  const header = ['target', 'exit codes', 'pass', 'fail', 'warn', 'skip', 'verdicts']
  const rows = targets.map((target) => {
    const verdicts = repetitions.map((r) => r.get(target))
    const first = verdicts.find(Boolean)
    const count = (status: string) => String(Object.values(first?.checks ?? {}).filter((s) => s === status).length)
    const exits = [...new Set(verdicts.map((v) => (v ? String(v.exitCode ?? '-') : '—')))].join('/')
    const state = unstable.has(target) ? 'CHANGED' : first?.note ? `stable (${first.note.slice(0, 60)})` : 'stable'
    return [target, exits, count('pass'), count('fail'), count('warn'), count('skip'), state]
  })
  const lines = table([header, ...rows])
  if (changed.length > 0) {
    lines.push('', 'Verdicts that changed between repetitions:')
    lines.push(...table([['target', 'check', 'per repetition'], ...changed.map((d) => [d.target, d.what, d.seen.join(', ')])]))
    lines.push('', 'What each repetition said about them:')
    for (const d of changed) {
      lines.push(`${d.target} ${d.what}`)
      d.said.forEach((said, i) => lines.push(`  ${i + 1}: ${d.seen[i]}${said ? ` — ${said}` : ''}`))
    }
  }
  return `${lines.join('\n')}\n`
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  )
}
