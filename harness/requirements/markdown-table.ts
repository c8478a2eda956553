/** One Markdown table cell: pipes escaped, line breaks flattened, so any text stays in its cell. */
function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** A Markdown table as lines: header, separator, one line per row, every cell escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)]
}

/** An HTML anchor a Markdown link can point at (`#id`): table cells get no heading anchors of their own. */
export function anchor(id: string): string {
  return `<a id="${id}"></a>`
}
