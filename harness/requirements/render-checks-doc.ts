import { anchor, markdownTable } from './markdown-table.js'
import { policyRow } from './policy-rows.js'
import { requirements } from './registry.js'
import { phaseOf, type Requirement } from './requirement.js'

/** What regenerates the docs of the checks and the policy (scripts/gen-checks-doc.ts); the docs and the drift test name it. */
export const regenerateDocsCommand = 'npm run docs:checks'

/** The anchor of a check in docs/checks.md, for links from the README's policy table. */
export function checkAnchor(requirementId: string): string {
  return requirementId.toLowerCase()
}

/** docs/checks.md: every check with its level, spec version, link, the spec's words, its policy row and grade, and why. */
export function renderChecksDoc(): string {
  const lines = [
    '# Checks',
    '',
    `Generated from \`harness/requirements/\` by \`${regenerateDocsCommand}\`; a test fails when it is out of date. Each check names`,
    "its row of the conformance policy ([the README's policy table](../README.md#how-behaviours-are-graded)); rows marked",
    '*suite* are not in the policy, the project grades them for the reason given.',
    '',
  ]
  for (const role of ['homeserver', 'appservice'] as const) {
    const rows = requirements.filter((r) => r.role === role)
    if (rows.length === 0) continue
    const header = ['Id', 'Level', 'Since', 'Behaviour', 'Spec says', 'Policy row: grade', 'Why this grade', 'Needs, phase']
    lines.push(`## ${role === 'homeserver' ? 'Homeserver' : 'Appservice'}`, '', ...markdownTable(header, rows.map(tableRow)), '')
  }
  return lines.join('\n')
}

function tableRow(r: Requirement): string[] {
  const row = policyRow(r.policyRow)
  const source = row.source === 'suite' ? ' *suite*' : ''
  const why = r.policyNote ? `${row.why}. This check: ${r.policyNote}` : row.why
  const policy = `[${row.id}](../README.md#${row.id})${source}: ${row.grade}`
  return [`${anchor(checkAnchor(r.id))}[${r.id}](${r.spec})`, r.level, r.since, r.title, r.quote, policy, why, runsWith(r)]
}

/** `stub, long-wait; whole-run`: what the declaration says the check needs, and its phase unless `scenario`. */
function runsWith(r: Requirement): string {
  const phase = phaseOf(r)
  return [r.needs?.join(', '), phase === 'scenario' ? undefined : `phase: ${phase}`].filter(Boolean).join('; ')
}
