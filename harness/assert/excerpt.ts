/** Bodies in messages are cut to this many characters, so a hostile target cannot flood the output. */
const excerptLength = 300

/**
 * A one-line, bounded rendering of a body for failure messages. Line breaks become spaces and
 * other control characters are shown escaped, so a body cannot break the report's lines or
 * send escape sequences to the user's terminal.
 */
export function excerpt(text: string, max = excerptLength): string {
  const flat = text
    .slice(0, max * 4)
    .replace(/\s*[\r\n]\s*/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
  return flat.length > max || text.length > max * 4 ? `${flat.slice(0, max)}… (${text.length} chars)` : flat
}
