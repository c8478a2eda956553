/**
 * The expectations file (`--expectations FILE`): known failures, flaky and skipped checks of one
 * target, keyed by check id. Every entry needs a reason and may expire (`until`), so the file
 * cannot rot: an expected failure that passes, or an entry past its date, fails the run.
 */
export type Expect = 'fail' | 'flaky' | 'skip'

export interface ExpectationEntry {
  expect: Expect
  /** Why, ideally with an issue link; mandatory. */
  reason: string
  /** YYYY-MM-DD, the last day the entry holds; from the day after, it fails the run. */
  until?: string
}

/** Check id → entry. */
export type Expectations = Record<string, ExpectationEntry>

/**
 * How a run met an entry: `as-expected` (failed as expected, or flaky, or skipped), `unexpected-pass`
 * (fails the run: remove the entry), `expired` (fails the run: renew or remove it), `not-run`
 * (an expected failure the run skipped: nothing to compare).
 */
export type ExpectationVerdict = 'as-expected' | 'unexpected-pass' | 'expired' | 'not-run'

export interface ExpectedOutcome extends ExpectationEntry {
  verdict: ExpectationVerdict
}
