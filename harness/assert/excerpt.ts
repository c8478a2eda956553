/** Bodies in messages are cut to this many characters, so a hostile target cannot flood the output. */
export const excerptLength = 300

/** A one-line, bounded rendering of a body for failure messages. */
export function excerpt(text: string, max = excerptLength): string {
  const flat = text.replace(/\s*\n\s*/g, ' ')
  return flat.length > max ? `${flat.slice(0, max)}… (${text.length} chars)` : flat
}
