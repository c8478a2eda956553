/**
 * A generated part of a hand-written page sits between `<!-- NAME:begin -->` and `<!-- NAME:end -->`,
 * so a script rewrites it and nothing else, and a test compares it with what the script would write.
 */
export function replaceMarkedSection(page: string, name: string, body: string): string {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const from = page.indexOf(begin)
  const to = page.indexOf(end)
  if (from === -1 || to < from) throw new Error(`no ${begin} … ${end} section in the page`)
  return `${page.slice(0, from + begin.length)}\n${body}\n${page.slice(to)}`
}
