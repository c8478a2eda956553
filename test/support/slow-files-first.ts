import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The test files that take longest (wall time of a file, measured), longest first, except that
 * the package install comes third rather than a third file of whole-suite runs (on this 2-core
 * machine, the third worker's first file). vitest's own order puts files that took long last time
 * first, but only from its results cache (node_modules/.vite/vitest), which a fresh clone or CI
 * lacks: a long file started last then keeps one worker busy after all the others are done.
 */
export const slowFiles: readonly string[] = [
  // Measured in one full run at 13:30 UTC on 2026-12-02 (3 workers, load average 12-19), seconds:
  'test/conformant-homeservers.test.ts', // 627
  'test/broken-homeservers.test.ts', // 546
  'test/package-install.test.ts', // 244 (npm install and tsc more than CLI runs: beside the two above, not a third suite run)
  'test/conformant-appservices.test.ts', // 491
  'test/hostile-homeservers.test.ts', // 100
  'test/broken-appservices.test.ts', // 79
  'test/fault-rounds-at-once.test.ts', // 55
  'test/load-mode.test.ts', // 43
  'test/readme-homeserver-steps.test.ts', // 35
  'test/action.test.ts', // 34
  'test/real-server-stand-ins.test.ts', // 29
]

/** vitest's order (failed, then longest by its cache, then largest), with the known slow files moved to the front. */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const index = slowFiles.indexOf(relative(spec.project.config.root, spec.moduleId).split('\\').join('/'))
      return index === -1 ? slowFiles.length : index
    }
    // Array sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b))
  }
}
