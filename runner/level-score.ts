import type { LevelCounts } from './check-result.js'

/** How many checks passed of those graded: a skip (a consequence too) says nothing about the target, so it is not counted. */
export interface Score {
  passed: number
  graded: number
}

export function scoreOf(counts: LevelCounts): Score {
  return { passed: counts.pass, graded: counts.pass + counts.fail + counts.warn }
}
