import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import SlowFilesFirst from './test/support/slow-files-first.js'

/** The project's own tests (npm test): harness units, the reference and every broken variant. */
export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'fixtures/**/*.test.ts', 'cli/**/*.test.ts', 'runner/**/*.test.ts', 'reports/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['suites/**', 'node_modules/**'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    globalSetup: ['./test/support/build-package.ts'],
    // When these tests themselves run in GitHub Actions, the CLI runs they start (in process or
    // as children) must not annotate the workflow or write its job summary; a test that wants that sets them.
    env: { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
    // One worker more than the cores: many test files spend their time waiting on the CLI
    // children they start (and those on loopback I/O), so a core would otherwise sit idle.
    maxWorkers: availableParallelism() + 1,
    // The long files first, so that none starts last and runs on alone.
    sequence: { sequencer: SlowFilesFirst },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
