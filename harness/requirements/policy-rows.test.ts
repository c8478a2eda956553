import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { policyRows, policySectionHeadings, type PolicySection } from './policy-rows.js'
import { requirements } from './registry.js'

/** The product decision, vendored verbatim so this test runs on a clean clone. */
const vendoredPolicy = new URL('../../docs/conformance-policy.md', import.meta.url)
/** Where the product owner keeps it, beside the repository in the project's workspace (absent on a clone). */
const productPolicy = new URL('../../../shared/design/conformance-policy.md', import.meta.url)

interface DocumentRow {
  section: PolicySection
  behaviour: string
  grade: string
  why: string
}

/** The document's table rows, per `## ` section: plain line splitting, as its cells hold no escaped pipes. */
function documentRows(markdown: string): DocumentRow[] {
  const sectionByHeading = new Map(Object.entries(policySectionHeadings).map(([section, heading]) => [heading, section as PolicySection]))
  const rows: DocumentRow[] = []
  let heading = ''
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3)
    if (!line.startsWith('|') || /^\|\s*(Behaviour\s*\||-)/.test(line)) continue
    const section = sectionByHeading.get(heading)
    if (!section) throw new Error(`docs/conformance-policy.md: a table under "## ${heading}", a section policySectionHeadings does not know`)
    const [behaviour = '', grade = '', why = '', ...rest] = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim())
    if (rest.length > 0) throw new Error(`docs/conformance-policy.md: more than three cells in "${line}"`)
    rows.push({ section, behaviour, grade, why })
  }
  return rows
}

describe('policy rows: the conformance policy as data', () => {
  const document = documentRows(readFileSync(vendoredPolicy, 'utf8'))
  const fromPolicy = policyRows.filter((row) => row.source === 'policy')

  it.skipIf(!existsSync(productPolicy))("docs/conformance-policy.md is the product owner's current document, verbatim", () => {
    expect(readFileSync(vendoredPolicy, 'utf8'), 'copy ../shared/design/conformance-policy.md to docs/conformance-policy.md, then update policy-rows.ts').toBe(
      readFileSync(productPolicy, 'utf8'),
    )
  })

  it('has an entry for each row of the document, in its words', () => {
    for (const doc of document) {
      const entry = fromPolicy.find((row) => row.section === doc.section && row.behaviour === doc.behaviour)
      expect(entry, `the document's ${doc.section} row "${doc.behaviour}" has no entry in policy-rows.ts (new, or reworded?)`).toBeDefined()
      expect({ grade: entry?.grade, why: entry?.why }, `${entry?.id}: grade and why as the document states them`).toEqual({ grade: doc.grade, why: doc.why })
    }
  })

  it('has no policy entry the document lacks, and lists them in its order', () => {
    for (const row of fromPolicy) {
      const inDocument = document.some((doc) => doc.section === row.section && doc.behaviour === row.behaviour)
      expect(
        inDocument,
        `${row.id} ("${row.behaviour}") is not in docs/conformance-policy.md: removed or reworded? If the suite grades it anyway, make it source: 'suite'`,
      ).toBe(true)
    }
    expect(fromPolicy.map((row) => row.behaviour)).toEqual(document.map((doc) => doc.behaviour))
  })

  it('has unique ids named after their section', () => {
    const prefix: Record<PolicySection, string> = { homeserver: 'hs', appservice: 'as', 'appservice-client': 'as-client' }
    expect(new Set(policyRows.map((row) => row.id)).size).toBe(policyRows.length)
    for (const row of policyRows) expect(row.id).toMatch(new RegExp(`^${prefix[row.section]}\\.[a-z0-9]+(-[a-z0-9]+)*$`))
  })

  it('allows only levels its grade names (a row with several grades lists each)', () => {
    for (const row of policyRows) {
      expect(row.levels.length, row.id).toBeGreaterThan(0)
      for (const level of row.levels) expect(row.grade, `${row.id} allows ${level}`).toContain(level)
    }
  })

  it('is graded: every row has a requirement, or the reason it has none', () => {
    for (const row of policyRows) {
      const graded = requirements.some((r) => r.policyRow === row.id)
      if (row.noRequirement !== undefined) expect(graded, `${row.id} has requirements now: drop its noRequirement`).toBe(false)
      else expect(graded, `no requirement cites ${row.id} ("${row.behaviour}"): add one, or record noRequirement`).toBe(true)
    }
  })

  it('grades every requirement at a level its row allows', () => {
    for (const r of requirements) {
      const row = policyRows.find((candidate) => candidate.id === r.policyRow)
      expect(row?.levels, `${r.id} is ${r.level}; its row ${r.policyRow} grades "${row?.grade}"`).toContain(r.level)
    }
  })
})
