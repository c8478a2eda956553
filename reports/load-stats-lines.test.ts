import { describe, expect, it } from 'vitest'
import type { LoadStats } from '../runner/load-stats.js'
import { renderLoadStats } from './load-stats-lines.js'

const spread = { p50: 4, p95: 9, p99: 12 }
const load: LoadStats = {
  pings: 2000,
  concurrency: 50,
  durationMs: 4800,
  throughputPerSec: 416.7,
  roundTripMs: spread,
  durationMsReported: spread,
  mismatches: 0,
}

describe('renderLoadStats', () => {
  it('gives throughput and both latency spreads, and no line for what did not happen', () => {
    const lines = renderLoadStats(load)
    expect(lines[0]).toBe("Load: 2000 pings, 50 at a time, in 4800 ms: 416.7 pings/s; 0 answers not the ping's own")
    expect(lines).toHaveLength(3)
    expect(lines.join('\n')).not.toMatch(/not graded|rate-limited/)
  })

  it("says how many pings were not graded because the stub's answer came after the homeserver's timeout", () => {
    const lines = renderLoadStats({ ...load, lateStubAnswers: 7 })
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe("  not graded: 7 pings the homeserver timed out on before the stub's answer could reach it (the machine ran the suite too slowly)")
  })
})
