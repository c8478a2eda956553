/**
 * Percentiles of a stream of durations (ms) in fixed memory, so a load of any size holds the same
 * few kilobytes instead of every sample. Log-linear buckets, as HdrHistogram's: below 1 ms they
 * are 0.01 ms wide; from 1 ms up each is 1% wider than the one before. A percentile is the
 * geometric middle of the bucket holding the nearest-rank sample (the first and last ranks are the
 * exact min and max), so it is off the exact nearest-rank value by at most 0.5% of it, or 0.005 ms below 1 ms,
 * before the 0.1 ms rounding of the report; `latency-histogram.test.ts` checks the bound.
 */

/** Below this, linear buckets: relative precision matters little under a millisecond. */
const linearTopMs = 1
const linearWidthMs = 0.01
const linearBuckets = Math.round(linearTopMs / linearWidthMs)
/** Each log bucket's upper edge is this times its lower one: its middle is within √1.01 − 1 < 0.5% of any value in it. */
const growth = 1.01
/** The top bucket starts here (about 25 days); longer durations are counted in it. */
const topMs = 2 ** 31
const logBuckets = Math.ceil(Math.log(topMs / linearTopMs) / Math.log(growth)) + 1

export class LatencyHistogram {
  readonly #counts = new Float64Array(linearBuckets + logBuckets)
  #count = 0
  #min = Infinity
  #max = -Infinity

  record(ms: number): void {
    const value = Number.isFinite(ms) && ms > 0 ? ms : 0
    this.#counts[bucketOf(value)]!++
    this.#count++
    if (value < this.#min) this.#min = value
    if (value > this.#max) this.#max = value
  }

  get count(): number {
    return this.#count
  }

  /** The nearest-rank p-th percentile (0 < p ≤ 100), within the bound above; 0 when nothing was recorded. */
  percentile(p: number): number {
    if (this.#count === 0) return 0
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count))
    // The extremes are kept exactly.
    if (rank === 1) return this.#min
    if (rank >= this.#count) return this.#max
    let seen = 0
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i]!
      if (seen >= rank) return Math.min(this.#max, Math.max(this.#min, middleOf(i)))
    }
    return this.#max
  }
}

function bucketOf(ms: number): number {
  if (ms < linearTopMs) return Math.floor(ms / linearWidthMs)
  return linearBuckets + Math.min(logBuckets - 1, Math.floor(Math.log(ms / linearTopMs) / Math.log(growth)))
}

function middleOf(bucket: number): number {
  if (bucket < linearBuckets) return (bucket + 0.5) * linearWidthMs
  return linearTopMs * growth ** (bucket - linearBuckets + 0.5)
}
