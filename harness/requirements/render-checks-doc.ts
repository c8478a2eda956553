import { requirements } from './registry'
import { phaseOf, type Requirement } from './requirement'

/** docs/checks.md: every check with its level, spec version, link, the spec's words and the policy reason. */
export function renderChecksDoc(): string {
  const lines = [
    '# Checks',
    '',
    'Generated from `harness/requirements/` by `npm run docs:checks`; a test fails when it is out of date.',
    '',
  ]
  for (const role of ['homeserver', 'appservice'] as const) {
    const rows = requirements.filter((r) => r.role === role)
    if (rows.length === 0) continue
    lines.push(`## ${role === 'homeserver' ? 'Homeserver' : 'Appservice'}`, '', '| Id | Level | Since | Behaviour | Spec says | Why this grade | Needs, phase |', '|---|---|---|---|---|---|---|')
    for (const r of rows) {
      const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
      lines.push(`| [${r.id}](${r.spec}) | ${r.level} | ${r.since} | ${cell(r.title)} | ${cell(r.quote)} | ${cell(r.policy)} | ${runsWith(r)} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

/** `stub, long-wait; whole-run`: what the declaration says the check needs, and its phase unless `scenario`. */
function runsWith(r: Requirement): string {
  const phase = phaseOf(r)
  return [r.needs?.join(', '), phase === 'scenario' ? undefined : `phase: ${phase}`].filter(Boolean).join('; ')
}
