/**
 * The known names a mistyped one was most likely meant to be, best first: those within a few
 * edits of it (a third of its length, at least two) and those that contain it or it contains.
 * For "did you mean" in one-line errors, where listing every name would bury the answer.
 */
export function closestNames(name: string, known: readonly string[], max = 3): string[] {
  const wanted = name.toLowerCase()
  const allowedEdits = Math.max(2, Math.floor(wanted.length / 3))
  return known
    .map((candidate) => ({ candidate, edits: editDistance(wanted, candidate.toLowerCase()) }))
    .filter(({ candidate, edits }) => edits <= allowedEdits || (wanted.length >= 3 && (candidate.includes(wanted) || wanted.includes(candidate))))
    .sort((a, b) => a.edits - b.edits || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map(({ candidate }) => candidate)
}

/** Levenshtein distance: insertions, deletions and substitutions, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}
