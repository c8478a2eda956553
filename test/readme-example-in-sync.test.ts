import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)
const marker = '<!-- example: test/readme-example.test.ts -->'

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
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    const start = readme.indexOf(marker)
    expect(start, `README.md has no ${marker}`).toBeGreaterThan(-1)
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? ''
    expect(body(block)).toBe(body(readFileSync(new URL('test/readme-example.test.ts', root), 'utf8')))
  })
})
