/**
 * The keys that appear more than once in one object of a JSON text. JSON.parse keeps the last
 * value silently; other parsers keep the first or refuse, so a body with duplicates means
 * different things to different clients (RFC 8259 §4) and the suite must not grade just one reading.
 * Expects text that JSON.parse accepts.
 */
export function duplicateJsonKeys(text: string): string[] {
  const duplicates = new Set<string>()
  // One entry per open container: the keys seen so far for an object, null for an array.
  const open: (Set<string> | null)[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const end = endOfString(text, i)
      const keys = open.at(-1)
      if (keys && expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string
        if (keys.has(key)) duplicates.add(key)
        else keys.add(key)
        expectKey = false
      }
      i = end - 1
    } else if (c === '{') {
      open.push(new Set())
      expectKey = true
    } else if (c === '[') {
      open.push(null)
    } else if (c === '}' || c === ']') {
      open.pop()
    } else if (c === ',') {
      expectKey = Boolean(open.at(-1))
    }
  }
  return [...duplicates]
}

/** The index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}
