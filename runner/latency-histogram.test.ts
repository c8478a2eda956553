import { describe, expect, it } from 'vitest'
import { LatencyHistogram } from './latency-histogram.js'

/** The exact nearest-rank percentile, as the load mode computed it from every sample before the histogram. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The documented bound: 0.5% of the exact value, or 0.005 ms below 1 ms (plus float noise). */
function bound(exact: number): number {
  return Math.max(exact * 0.005, 0.005) + 1e-9
}

const samples: Record<string, (next: () => number) => number> = {
  'uniform 0–300 ms': (next) => next() * 300,
  'log-normal around 50 ms, long tail': (next) => Math.exp(Math.log(50) + 1.5 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())),
  'sub-millisecond': (next) => next() * 1.2,
  'wide: 0.01 ms to 100 s': (next) => 10 ** (next() * 7 - 2),
}

describe('LatencyHistogram', () => {
  for (const [name, draw] of Object.entries(samples)) {
    it(`keeps p50/p95/p99/p99.9 within its bound of the exact values: ${name}`, () => {
      for (const seed of [1, 2, 3]) {
        const next = random(seed)
        const values = Array.from({ length: 20_000 }, () => draw(next))
        const histogram = new LatencyHistogram()
        for (const v of values) histogram.record(v)
        for (const p of [1, 50, 95, 99, 99.9, 100]) {
          const exact = exactPercentile(values, p)
          expect(Math.abs(histogram.percentile(p) - exact), `p${p} of seed ${seed}: exact ${exact}`).toBeLessThanOrEqual(bound(exact))
        }
      }
    })
  }

  it('is exact for one sample, and for the min and max of any', () => {
    const one = new LatencyHistogram()
    one.record(123.456)
    expect([one.percentile(50), one.percentile(99)]).toEqual([123.456, 123.456])
    const many = new LatencyHistogram()
    for (const v of [7.77, 3.21, 900.5]) many.record(v)
    expect([many.percentile(1), many.percentile(100)]).toEqual([3.21, 900.5])
  })

  it('says 0 for no samples, and counts nonsense durations as 0 ms', () => {
    const histogram = new LatencyHistogram()
    expect(histogram.percentile(50)).toBe(0)
    histogram.record(Number.NaN)
    histogram.record(-5)
    expect([histogram.count, histogram.percentile(100)]).toEqual([2, 0])
  })

  it('ranks by nearest rank: p50 of 1..4 is 2, as the exact list gave', () => {
    const histogram = new LatencyHistogram()
    for (const v of [4, 1, 3, 2]) histogram.record(v)
    expect(histogram.percentile(50)).toBeCloseTo(2, 1)
    expect(histogram.percentile(51)).toBeCloseTo(3, 1)
  })
})
