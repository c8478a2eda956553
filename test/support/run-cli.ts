import { join } from 'node:path'
import { packageRoot } from '../../harness/package-files.js'
import { runCliEntry, type CliRun, type CliRunOptions } from '../../scripts/support/run-cli.js'

export type { CliRun } from '../../scripts/support/run-cli.js'

/**
 * The package's own bin, the build of the CLI (dist/, made fresh by the tests' globalSetup,
 * test/support/build-package.ts): what `npx as-ping-conformance` runs. The tests' child CLIs
 * run it, not bin/as-ping-conformance.js: without tsx a child starts ~1 s sooner and ~150 MB
 * lighter, and its vitest transforms no TypeScript; hundreds of children make that minutes.
 * test/cli-from-sources.test.ts keeps the sources' entry proven.
 */
export const cliBin = join(packageRoot, 'dist', 'cli', 'bin.js')

/** Runs the built CLI in a child process, as a user would, and collects everything it printed. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return runCliEntry(cliBin, args, options)
}
