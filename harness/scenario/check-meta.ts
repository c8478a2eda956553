import type { TranscriptEntry } from './transcript'

/** How a check ended, beyond vitest's own state; carried to the runner in the test's meta. */
export interface CheckFailureDetail {
  mismatches: string[]
  expected: string
  actual: string
  /** The suite itself failed (a bug or an unusable environment), not the target. */
  harness?: boolean
}

declare module '@vitest/runner' {
  interface TaskMeta {
    checkId?: string
    failure?: CheckFailureDetail
    transcript?: TranscriptEntry[]
    /** What the target chose, for INFO-graded behaviour and for context on passes. */
    note?: string
    skipReason?: string
  }
}
