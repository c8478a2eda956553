import { isMap, isScalar, parseDocument, stringify } from 'yaml'
import type { CheckResult } from './check-result.js'
import { failsRun } from './exit-code.js'
import type { Expectations } from './expectations.js'

export interface ExpectationsUpdate {
  entries: Expectations
  /** Checks that now fail and had no entry: added with a placeholder reason to replace. */
  added: string[]
  /** Expected failures that passed: their entries are removed. */
  removed: string[]
}

/**
 * `--update-expectations`: the file rewritten so that it matches this run. New failures get an
 * entry; expected failures that passed lose theirs. Flaky, skip and expired entries, and entries
 * for checks the run did not run, are kept: changing those needs a human decision.
 */
export function updateExpectations(entries: Expectations, results: readonly CheckResult[], options: { strict: boolean; today: string }): ExpectationsUpdate {
  const next: Expectations = { ...entries }
  const added: string[] = []
  const removed: string[] = []
  for (const r of results) {
    const entry = entries[r.id]
    if (!entry && failsRun({ status: r.status }, options.strict)) {
      next[r.id] = { expect: 'fail', reason: `TODO: say why (added by --update-expectations on ${options.today})` }
      added.push(r.id)
    } else if (entry?.expect === 'fail' && r.status === 'pass' && r.expected?.verdict !== 'expired') {
      removed.push(r.id)
    }
  }
  return { entries: Object.fromEntries(Object.entries(next).filter(([id]) => !removed.includes(id))), added, removed }
}

/**
 * The file's new text. A YAML file keeps its comments and the order of the entries it keeps; a
 * `.json` file is written as JSON.
 */
export function renderExpectations(update: ExpectationsUpdate, previousText: string | undefined, format: 'yaml' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(update.entries, null, 2)}\n`
  const doc = parseDocument(previousText ?? '')
  const map = doc.contents
  if (!isMap(map)) return stringify(update.entries)
  for (const id of update.removed) {
    const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.value === id)
    if (index < 0) continue
    const key = map.items[index]!.key
    const comment = isScalar(key) ? key.commentBefore : undefined
    map.items.splice(index, 1)
    // A comment above the removed entry (often the file's heading) stays, on what now comes first.
    const next = map.items[index]?.key
    if (comment && isScalar(next)) next.commentBefore = next.commentBefore ? `${comment}\n${next.commentBefore}` : comment
    else if (comment) doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${comment}` : comment
  }
  for (const id of update.added) doc.set(id, doc.createNode(update.entries[id]!))
  return doc.toString()
}
