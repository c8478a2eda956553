import { readFileSync } from 'node:fs'

const readmeFile = new URL('../../README.md', import.meta.url)
const marker = '<!-- example: test/readme-example.test.ts -->'

/** The README's "In your own vitest suite" example, as printed (the block after its marker). */
export function readmeLibraryExample(): string {
  const readme = readFileSync(readmeFile, 'utf8')
  const start = readme.indexOf(marker)
  if (start < 0) throw new Error(`README.md has no ${marker}`)
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(start))?.[1]
  if (block === undefined) throw new Error(`README.md has no ts block after ${marker}`)
  return block
}
