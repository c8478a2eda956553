import { renderChecksDoc } from './render-checks-doc'
import { renderPolicyTable } from './render-policy-table'

/** A file (or the part of one between markers) rendered from the registry and the policy rows. */
interface GeneratedDoc {
  /** Relative to the repository root. */
  file: string
  /** The file's text with its generated part brought up to date. */
  regenerate(current: string): string
}

/** Every generated doc: `npm run docs:checks` writes them, test/generated-docs.test.ts fails when one drifted. */
export const generatedDocs: readonly GeneratedDoc[] = [
  { file: 'docs/checks.md', regenerate: () => renderChecksDoc() },
  { file: 'README.md', regenerate: (current) => replaceBetweenMarkers(current, 'policy-table', renderPolicyTable()) },
]

/** Replaces what lies between `<!-- name:begin -->` and `<!-- name:end -->`, keeping the rest of the file as written. */
function replaceBetweenMarkers(text: string, name: string, generated: string): string {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(begin)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`[harness] no ${begin} … ${end} markers to generate into`)
  return `${text.slice(0, from + begin.length)}\n${generated}\n${text.slice(to)}`
}
