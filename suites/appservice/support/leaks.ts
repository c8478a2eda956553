import { excerpt } from '../../../harness/assert/excerpt.js'

/**
 * Frames of a stack trace: JavaScript, Python, Go, Java. A JavaScript frame's location follows
 * "at " or the function name's " (" directly, so "at http://host:8008/…" in an error text is none.
 */
const stackTrace = [
  /\bat (?:[^\s()]+ )*?\(?(?:\/|[A-Za-z]:\\|file:\/\/|node:)[^\s)]*:\d+(?::\d+)?\)?/,
  /Traceback \(most recent call last\)/,
  /File "[^"]+", line \d+/,
  /goroutine \d+ \[/,
  /\.java:\d+\)/,
]

/** Paths on the server's disk: a source file with a line number, node_modules, or a path under a system directory. */
const filePath = [
  /(?:\/[\w.@-]+){2,}\.(?:js|mjs|cjs|ts|py|go|java|rb|rs|php)\b/,
  /\bnode_modules[\\/]/,
  /(?:^|[\s"'(=>])\/(?:home|usr|srv|opt|var|root|Users|tmp|etc|workspace)\/[^\s"'<>]+/,
  /\b[A-Za-z]:\\(?:[^\s"'<>\\]+\\)+/,
]

/** Every kind of leak in an answer body, as "contains …" phrases (unredacted: the caller redacts). */
export function leaksIn(body: string, secrets: readonly string[]): string[] {
  const leaks: string[] = []
  for (const secret of secrets) if (body.includes(secret)) leaks.push(`contains a token: ${excerpt(body, 160)}`)
  const trace = stackTrace.map((p) => p.exec(body)).find(Boolean)
  if (trace) leaks.push(`contains a stack trace: …${excerpt(trace[0], 120)}…`)
  const path = filePath.map((p) => p.exec(body)).find(Boolean)
  if (path && !trace) leaks.push(`contains a server file path: …${excerpt(path[0].trim(), 120)}…`)
  return leaks
}
