/** Nearest-rank percentiles of a sample, in its unit (here: milliseconds, to 0.1). */
export interface Percentiles {
  p50: number
  p95: number
  p99: number
}

/**
 * What the load mode measured (`load` in the JSON report): how fast the homeserver answered N
 * pings, C at a time, and how many answers were not the ping's own.
 */
export interface LoadStats {
  pings: number
  concurrency: number
  /** Wall time of the whole load, first ping sent to last answer read. */
  durationMs: number
  throughputPerSec: number
  /** The round trip the suite observed for each ping. */
  roundTripMs: Percentiles
  /** The duration_ms the homeserver reported, over the pings it answered 200. */
  durationMsReported: Percentiles
  /** Pings whose answer was not their own (or that got none). */
  mismatches: number
  /** The 429s: waited out and sent again, never counted as answers; `stillLimited` pings kept theirs and are not graded. */
  rateLimited?: { answers: number; waitedMs: number; stillLimited: number }
}

/** p50/p95/p99 by nearest rank; all 0 for an empty sample. */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => (sorted.length ? round1(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!) : 0)
  return { p50: at(50), p95: at(95), p99: at(99) }
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10
}
