import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { flagDocs } from '../cli/flag-tables.js'
import { requirementDocs } from '../harness/requirements/generated-docs.js'

const root = new URL('../', import.meta.url)

describe('generated docs', () => {
  it.each([...requirementDocs, ...flagDocs].map((doc) => [doc.file, doc.command, doc] as const))('%s is what `%s` writes', (file, command, doc) => {
    const current = readFileSync(new URL(file, root), 'utf8')
    expect(doc.regenerate(current), `${file} is out of date: run \`${command}\``).toBe(current)
  })
})
