import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readmeLibraryExample } from './support/readme-example.js'

/** The example's code without its import lines (and the file's leading comment), which differ on purpose. */
function body(code: string): string {
  return code
    .split('\n')
    .filter((line) => !line.startsWith('import ') && !line.startsWith('// The README') && !line.startsWith('// the README'))
    .join('\n')
    .trim()
}

describe("the README's library example", () => {
  it('is the code test/readme-example.test.ts runs', () => {
    expect(body(readmeLibraryExample())).toBe(body(readFileSync(new URL('readme-example.test.ts', import.meta.url), 'utf8')))
  })
})
