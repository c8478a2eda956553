import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { flagDocs } from '../cli/flag-tables.js'
import { pingEndpointTableFiles } from '../harness/openapi/ping-endpoint-table-file.js'
import { requirementDocs } from '../harness/requirements/generated-docs.js'

const root = new URL('../', import.meta.url)
/** Every file a script writes from the code or the specs, so that it cannot drift from them. */
const generatedFiles = [...requirementDocs, ...flagDocs, ...pingEndpointTableFiles]

describe('generated docs', () => {
  it.each(generatedFiles.map((doc) => [doc.file, doc.command, doc] as const))('%s is what `%s` writes', (file, command, doc) => {
    const current = readFileSync(new URL(file, root), 'utf8')
    expect(doc.regenerate(current), `${file} is out of date: run \`${command}\``).toBe(current)
  })

  // A copy of the tables left in the README would no longer be regenerated, and drift.
  it('the flag tables are only in docs/flags.md, which the README links', () => {
    expect(flagDocs.map((doc) => doc.file)).toEqual(['docs/flags.md'])
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    expect(readme).not.toContain('<!-- flag-tables:begin -->')
    expect(readme).toContain('](docs/flags.md)')
  })
})
