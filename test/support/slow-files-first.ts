import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The test files that take longest (wall time of a file, measured: see the commit that last
 * changed this list), longest first. vitest's own order puts files that took long last time
 * first, but only from its results cache (node_modules/.vite/vitest), which a fresh clone or CI
 * lacks and which the CLI's own vitest runs, sharing node_modules, overwrite: a long file started
 * last then keeps one worker busy after all the others are done.
 */
export const slowFiles: readonly string[] = [
  'test/conformant-homeservers.test.ts',
  'test/broken-homeservers.test.ts',
  'test/conformant-appservices.test.ts',
  'test/package-install.test.ts',
  'test/serve-appservice.test.ts',
  'test/cli-homeserver.test.ts',
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
