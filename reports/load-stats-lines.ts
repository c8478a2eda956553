import type { LoadStats, Percentiles } from '../runner/load-stats.js'

/** The load mode's figures for the terminal: throughput, then the two latency distributions. */
export function renderLoadStats(load: LoadStats): string[] {
  const spread = (p: Percentiles) => `p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms`
  return [
    `Load: ${load.pings} pings, ${load.concurrency} at a time, in ${load.durationMs} ms: ${load.throughputPerSec} pings/s; ${load.mismatches} answers not the ping's own`,
    `  round trip seen by the suite:       ${spread(load.roundTripMs)}`,
    `  duration_ms reported (200 answers): ${spread(load.durationMsReported)}`,
    ...(load.lateStubAnswers
      ? [
          `  not graded: ${load.lateStubAnswers} pings the homeserver timed out on before the stub's answer could reach it (the machine ran the suite too slowly)`,
        ]
      : []),
    ...(load.rateLimited
      ? [
          `  rate-limited: ${load.rateLimited.answers} answers 429, waited ${load.rateLimited.waitedMs} ms in all (within the times above); ${load.rateLimited.stillLimited} pings still 429 when the suite gave up (not graded)`,
        ]
      : []),
  ]
}
