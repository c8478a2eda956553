/**
 * A doc rendered from the code so it cannot drift from it: a whole file, or the part of a
 * hand-written page between `<!-- NAME:begin -->` and `<!-- NAME:end -->`. A script writes it and
 * test/generated-docs.test.ts fails, naming that script's command, when the file is stale.
 */
export interface GeneratedDoc {
  /** Relative to the repository root. */
  file: string
  /** What rewrites it (`npm run …`), for the drift test's message. */
  command: string
  /** The file's text with its generated part brought up to date. */
  regenerate(current: string): string
}

/** Replaces what lies between the NAME markers, keeping the rest of the page as written. */
export function replaceMarkedSection(page: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const from = page.indexOf(begin)
  const to = page.indexOf(end)
  if (from === -1 || to < from) throw new Error(`[harness] no ${begin} … ${end} section in the page`)
  return `${page.slice(0, from + begin.length)}\n${body}\n${page.slice(to)}`
}
