/** One part of a run split across machines: `--shard 2/3` is index 2 of count 3 (1-based, like vitest's --shard). */
export interface Shard {
  index: number
  count: number
}

/**
 * The checks of one shard: the selected ids dealt out in turn, so every check lands in exactly one
 * shard whatever the machine, and the slow ones spread out. The ids in `everyShard` run in every
 * shard: checks graded from the shard's own stub log (nothing unsolicited reached it) hold for one
 * machine only; merge keeps the worst of them. Not vitest's `shard`: it shards test files, and all
 * checks run in one module (check-files-entry.ts); the measurements are in docs/vitest-machinery.md.
 */
export function shardSelection(selected: readonly string[], shard: Shard, everyShard: ReadonlySet<string> = new Set()): string[] {
  const dealt = selected.filter((id) => !everyShard.has(id))
  return selected.filter((id) => everyShard.has(id) || dealt.indexOf(id) % shard.count === shard.index - 1)
}
