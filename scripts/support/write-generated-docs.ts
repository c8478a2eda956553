import { readFileSync, writeFileSync } from 'node:fs'
import type { GeneratedDoc } from '../../harness/generated-doc.js'

/** Brings each doc's file up to date in place. */
export function writeGeneratedDocs(docs: readonly GeneratedDoc[]): void {
  for (const doc of docs) {
    const file = new URL(`../../${doc.file}`, import.meta.url)
    writeFileSync(file, doc.regenerate(readFileSync(file, 'utf8')))
  }
}
