import { anchor, markdownTable } from './markdown-table.js'
import { policyRows, policySectionHeadings, type PolicyRow, type PolicySection } from './policy-rows.js'
import { requirements } from './registry.js'
import { checkAnchor, regenerateDocsCommand } from './render-checks-doc.js'

/**
 * The README's policy table: every row of the conformance policy, then the rows the suite adds,
 * with its grade and the checks that grade it (linked into docs/checks.md). Rendered between the
 * README's policy-table markers (generated-docs.ts).
 */
export function renderPolicyTable(): string {
  const lines = [
    `Generated from \`harness/requirements/policy-rows.ts\` by \`${regenerateDocsCommand}\`. Rows marked *suite* are not in the`,
    'policy: the project grades them, for the reason [docs/checks.md](docs/checks.md) gives. The policy itself, with the',
    'reason for every row, is [docs/conformance-policy.md](docs/conformance-policy.md).',
  ]
  for (const section of Object.keys(policySectionHeadings) as PolicySection[]) {
    const rows = policyRows.filter((row) => row.section === section)
    lines.push('', `### ${policySectionHeadings[section]}`, '', ...markdownTable(['Row', 'Behaviour', 'Grade', 'Checks'], rows.map(tableRow)))
  }
  return lines.join('\n')
}

function tableRow(row: PolicyRow): string[] {
  const checks = requirements.filter((r) => r.policyRow === row.id).map((r) => `[${r.id}](docs/checks.md#${checkAnchor(r.id)})`)
  const source = row.source === 'suite' ? ' *suite*' : ''
  return [`${anchor(row.id)}\`${row.id}\`${source}`, row.behaviour, row.grade, checks.join(', ') || `none: ${row.noRequirement ?? ''}`]
}
