/**
 * Wall-clock milliseconds with sub-millisecond precision. Comparable across the CLI process and
 * vitest workers (all on one machine), unlike performance.now(), whose origin differs per process.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now()
}
