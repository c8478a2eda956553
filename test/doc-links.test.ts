import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The README links into docs/ for everything it leaves out, and docs/ links back; a section moved
 * or renamed must not leave a link to nowhere. Every relative link of README.md and docs/*.md must
 * name a file that exists and, for a Markdown file, an anchor that one of its headings (as GitHub
 * spells them) or `<a id>`s gives.
 */
const root = fileURLToPath(new URL('../', import.meta.url))
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** The page's lines outside fenced code blocks, with inline code removed: links there are only text. */
function prose(markdown: string): string[] {
  let fenced = false
  return markdown.split('\n').flatMap((line) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced
    return fenced || line.trimStart().startsWith('```') ? [] : [line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()]/g, ''))]
  })
}

/** GitHub's heading anchors (lower case, punctuation dropped, spaces as dashes, a repeat suffixed -1, -2 …) and the page's `<a id>`s. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of prose(markdown)) {
    const heading = /^#{1,6} (.*)$/.exec(line)?.[1]
    if (heading !== undefined) {
      const slug = heading
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-')
      const repeats = seen.get(slug) ?? 0
      anchors.add(repeats === 0 ? slug : `${slug}-${String(repeats)}`)
      seen.set(slug, repeats + 1)
    }
  }
  for (const match of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(match[1] ?? '')
  return anchors
}

function brokenLinks(page: string): string[] {
  const text = readFileSync(join(root, page), 'utf8')
  const targets = prose(text).flatMap((line) => [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? ''))
  return targets
    .filter((target) => !/^[a-z]+:/.test(target))
    .filter((target) => {
      const [path = '', anchor] = target.split('#')
      const file = path === '' ? page : normalize(join(dirname(page), path))
      if (!existsSync(join(root, file))) return true
      if (anchor === undefined || !file.endsWith('.md')) return false
      return !anchorsOf(readFileSync(join(root, file), 'utf8')).has(anchor)
    })
}

describe('relative links in the README and docs/', () => {
  it.each(pages)('%s links only to files and anchors that exist', (page) => {
    expect(brokenLinks(page)).toEqual([])
  })
})
