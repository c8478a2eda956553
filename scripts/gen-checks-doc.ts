import { readFileSync, writeFileSync } from 'node:fs'
import { generatedDocs } from '../harness/requirements/generated-docs'

// Writes docs/checks.md and the README's policy table from the registry and the policy rows, so neither can drift from the code.
for (const doc of generatedDocs) {
  const file = new URL(`../${doc.file}`, import.meta.url)
  writeFileSync(file, doc.regenerate(readFileSync(file, 'utf8')))
}
