import type { CheckResult } from './check-result.js'

/**
 * One root cause, one failure (conformance policy): a check that declared it could not be
 * exercised as designed because of another check's fault (`dependsOn`) is, when that check did
 * fail or warn on its own, reported as its consequence, whether it happened to pass or not:
 * status 'skip', `consequenceOf` naming the owner. Its own mismatches stay in `failure`, so
 * nothing is hidden. When the owner passed, the result stands: the cause then lies elsewhere. So
 * it does when the dependency names a `cause` the owner's failure does not show (its `causes`): the
 * owner then failed for another reason, and two root causes are two failures.
 * Pure; `merge` runs it again on all shards.
 */
export function attributeConsequences(results: readonly CheckResult[]): CheckResult[] {
  const byId = new Map(results.map((r) => [r.id, r]))
  const ownsAFault = (id: string, cause: string | undefined) => {
    const owner = byId.get(id)
    return (
      owner !== undefined &&
      owner.consequenceOf === undefined &&
      owner.dependsOn === undefined &&
      (owner.status === 'fail' || owner.status === 'warn') &&
      (cause === undefined || (owner.causes ?? []).includes(cause))
    )
  }
  return results.map((r) => {
    const dependency = r.dependsOn
    const owner = dependency && [dependency.checkId, ...(dependency.orAnyOf ?? [])].find((id) => ownsAFault(id, dependency.cause))
    if (!dependency || !owner || r.status === 'skip') return r
    return { ...r, status: 'skip', consequenceOf: owner, message: `not graded on its own: ${dependency.reason}; see ${owner}` }
  })
}
