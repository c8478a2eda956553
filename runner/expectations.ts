import { parse } from 'yaml'
import { hasRequirement, requirement } from '../harness/requirements/registry.js'
import { UsageError } from '../harness/usage-error.js'
import { resultBase, type CheckResult } from './check-result.js'
import type { Expect, ExpectationEntry, Expectations, ExpectationVerdict } from './expectation-types.js'

export type { Expect, ExpectationEntry, Expectations, ExpectationVerdict, ExpectedOutcome } from './expectation-types.js'

const expects: readonly Expect[] = ['fail', 'flaky', 'skip']

/** Parses and validates the file's text (YAML or JSON); every problem is a one-line UsageError. */
export function parseExpectations(text: string, source: string): Expectations {
  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    throw new UsageError(
      `expectations file ${source} is not valid YAML or JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      'fix the file, or write one with --update-expectations',
    )
  }
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`expectations file ${source} must be a mapping of check id to entry`, 'see "Expectations file" in docs/usage.md')
  const entries: Expectations = {}
  for (const [id, raw] of Object.entries(data as Record<string, unknown>)) {
    const where = `expectations file ${source}: ${id}`
    if (!hasRequirement(id)) throw new UsageError(`${where} is not a check id`, 'run `as-ping-conformance list` for the check ids')
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new UsageError(`${where} must be a mapping with expect and reason`, 'e.g. `expect: fail` and `reason: "…"`')
    const { expect, reason, until, ...rest } = raw as Record<string, unknown>
    if (!expects.includes(expect as Expect)) throw new UsageError(`${where}: expect must be one of ${expects.join(', ')}`, `set expect: fail, flaky or skip`)
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new UsageError(`${where}: reason is mandatory`, 'say why the check is expected to fail, ideally with an issue link')
    const untilText = until instanceof Date ? until.toISOString().slice(0, 10) : until
    if (untilText !== undefined && (typeof untilText !== 'string' || !isIsoDate(untilText)))
      throw new UsageError(`${where}: until must be a date YYYY-MM-DD`, 'e.g. `until: 2026-12-31`, or remove it')
    const unknown = Object.keys(rest)
    if (unknown.length) throw new UsageError(`${where}: unknown key ${unknown[0]}`, 'an entry has only expect, reason and until')
    entries[id] = { expect: expect as Expect, reason, ...(untilText ? { until: untilText } : {}) }
  }
  return entries
}

function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
}

/** Ids among `selected` the file says to skip: the run does not run them (an expired skip runs, and fails the run). */
export function skippedByExpectations(entries: Expectations, selected: readonly string[], today: string): string[] {
  return selected.filter((id) => entries[id]?.expect === 'skip' && !isExpired(entries[id], today))
}

/** Whether the entry's `until` lies before `today` (YYYY-MM-DD); `today` undefined never expires. */
function isExpired(entry: ExpectationEntry, today: string | undefined): boolean {
  return entry.until !== undefined && today !== undefined && entry.until < today
}

/**
 * Marks each result with its entry and verdict, and adds a skip result for each selected check the
 * file skipped (the run did not run it). `today` is the run's start date (YYYY-MM-DD, UTC).
 */
export function applyExpectations(
  results: readonly CheckResult[],
  entries: Expectations,
  options: { today: string; skipped?: readonly string[] },
): CheckResult[] {
  const seen = new Set(results.map((r) => r.id))
  const skipped = (options.skipped ?? []).filter((id) => !seen.has(id)).map((id) => skipResult(id, entries[id]!))
  return [...results, ...skipped].map((r) => {
    const entry = entries[r.id]
    if (!entry) {
      const { expected: _dropped, ...rest } = r
      return rest
    }
    return { ...r, expected: { ...entry, verdict: verdictFor(r, entry, options.today) } }
  })
}

function verdictFor(result: CheckResult, entry: ExpectationEntry, today: string): ExpectationVerdict {
  if (isExpired(entry, today)) return 'expired'
  if (entry.expect !== 'fail') return 'as-expected'
  if (result.status === 'pass') return 'unexpected-pass'
  return result.status === 'skip' ? 'not-run' : 'as-expected'
}

function skipResult(id: string, entry: ExpectationEntry): CheckResult {
  return { ...resultBase(requirement(id), 0), status: 'skip', message: `skipped by the expectations file: ${entry.reason}` }
}
