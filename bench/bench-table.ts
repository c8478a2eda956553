/** One row of the bench's table: a figure, or a ratio of figures next to its target. */
export interface Row {
  figure: string
  median?: string
  min?: string
  max?: string
  target?: string
  met?: boolean
  /** Median CPU time of the process tree: the work done, which other load on the machine barely moves. */
  cpu?: string
  loadAverage?: number
  /** In place of the figures: why there are none ("not measured: …"). */
  note?: string
}

const header = ['figure', 'median', 'min', 'max', 'target', 'met', 'cpu', 'load avg']

export function renderTable(table: readonly Row[]): string {
  const cells = table.map((r) =>
    r.note
      ? [r.figure, r.note]
      : [
          r.figure,
          r.median ?? '',
          r.min ?? '',
          r.max ?? '',
          r.target ?? '',
          r.met === undefined ? '' : r.met ? 'met' : 'NOT MET',
          r.cpu ?? '',
          r.loadAverage === undefined ? '' : r.loadAverage.toFixed(2),
        ],
  )
  const full = cells.filter((c) => c.length === header.length)
  const widths = header.map((h, i) => Math.max(h.length, ...full.map((c) => c[i]!.length)))
  const line = (c: readonly string[]) =>
    c.length === header.length ? c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ') : `${c[0]!.padEnd(widths[0]!)}  ${c[1]}`
  return [line(header), ...cells.map(line)].join('\n')
}
