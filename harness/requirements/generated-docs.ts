import { replaceMarkedSection, type GeneratedDoc } from '../generated-doc.js'
import { regenerateDocsCommand, renderChecksDoc } from './render-checks-doc.js'
import { renderPolicyTable } from './render-policy-table.js'

/** The docs rendered from the registry and the policy rows; `npm run docs:checks` writes them. */
export const requirementDocs: readonly GeneratedDoc[] = [
  { file: 'docs/checks.md', command: regenerateDocsCommand, regenerate: () => renderChecksDoc() },
  { file: 'README.md', command: regenerateDocsCommand, regenerate: (current) => replaceMarkedSection(current, 'policy-table', renderPolicyTable()) },
]
