import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generatedDocs } from '../harness/requirements/generated-docs'
import { regenerateDocsCommand } from '../harness/requirements/render-checks-doc'

const root = new URL('../', import.meta.url)

describe('generated docs', () => {
  it.each(generatedDocs.map((doc) => [doc.file, doc] as const))('%s is what the registry and the policy rows render', (file, doc) => {
    const current = readFileSync(new URL(file, root), 'utf8')
    expect(doc.regenerate(current), `${file} is out of date: run \`${regenerateDocsCommand}\``).toBe(current)
  })
})
