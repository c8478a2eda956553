import { requirements } from '../../harness/requirements/registry.js'
import type { Output } from '../output.js'

/** Lists every check: id, level, title, spec link. */
export async function listCommand(output: Output): Promise<number> {
  for (const r of requirements) output.out(`${r.id.padEnd(30)} ${r.level.padEnd(6)} ${r.title}\n${' '.repeat(38)}${r.spec}\n`)
  return 0
}
