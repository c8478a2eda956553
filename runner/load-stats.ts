import type { LatencyHistogram } from './latency-histogram.js'

/**
 * Nearest-rank percentiles of a sample, in milliseconds to 0.1, read from a streaming histogram:
 * each within 0.5% of the exact nearest-rank value (0.005 ms below 1 ms) before that rounding.
 */
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
  /** Pings not graded: the homeserver timed out before the stub's answer could reach it (harness/scenario/late-stub-answer.ts). */
  lateStubAnswers?: number
  /** The 429s: waited out and sent again, never counted as answers; `stillLimited` pings kept theirs and are not graded. */
  rateLimited?: { answers: number; waitedMs: number; stillLimited: number }
}

/** p50/p95/p99 by nearest rank, within the histogram's bound; all 0 for an empty sample. */
export function percentiles(histogram: LatencyHistogram): Percentiles {
  const at = (p: number) => round1(histogram.percentile(p))
  return { p50: at(50), p95: at(95), p99: at(99) }
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10
}
