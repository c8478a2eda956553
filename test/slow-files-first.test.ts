import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TestSpecification, Vitest } from 'vitest/node'
import { packageRoot } from '../harness/package-files.js'
import SlowFilesFirst, { slowFiles } from './support/slow-files-first.js'

const root = '/project'

/** What BaseSequencer.sort reads of a spec: its project's order settings and its file. */
function spec(file: string): TestSpecification {
  return { moduleId: join(root, file), project: { name: '', config: { root, isolate: true, sequence: { groupOrder: 0 } } } } as unknown as TestSpecification
}

/** A vitest with a results cache of these durations (ms) per file, none failed. */
function vitestWithDurations(durations: Record<string, number>): Vitest {
  return {
    config: { root },
    cache: {
      getFileTestResults: (key: string) => {
        const duration = durations[key.replace(/^:/, '')]
        return duration === undefined ? undefined : { duration, failed: false }
      },
      getFileStats: () => ({ size: 1 }),
    },
  } as unknown as Vitest
}

describe('the slow-files-first sequencer', () => {
  it('names only test files that exist, each once', () => {
    expect(slowFiles.filter((file) => !existsSync(join(packageRoot, file)))).toEqual([])
    expect(new Set(slowFiles).size).toBe(slowFiles.length)
  })

  it('starts the known slow files first, in their order, whatever the cache says, then the others in the order vitest gives them (longest cached first)', async () => {
    // The cache as a partial run leaves it: the slow files ran alone, with one test each.
    const durations = { 'test/quick.test.ts': 100, 'test/longer.test.ts': 900, [slowFiles[0]!]: 10, [slowFiles[1]!]: 20 }
    const files = ['test/quick.test.ts', slowFiles[1]!, 'test/longer.test.ts', slowFiles[0]!].map(spec)
    const sorted = await new SlowFilesFirst(vitestWithDurations(durations)).sort(files)
    expect(sorted.map((s) => s.moduleId.slice(root.length + 1))).toEqual([slowFiles[0], slowFiles[1], 'test/longer.test.ts', 'test/quick.test.ts'])
  })
})
