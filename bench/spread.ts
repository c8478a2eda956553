/** Median, min and max of several runs of one figure. */
export interface Spread {
  median: number
  min: number
  max: number
  runs: number
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('no runs to summarise')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length }
}
