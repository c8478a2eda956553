import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../runner/package-root'

const run = promisify(execFile)

/** Every folder with code: the rules in .dependency-cruiser.cjs say which may import which. */
const folders = ['index.ts', 'bin', 'cli', 'runner', 'suites', 'harness', 'reports', 'library', 'fixtures', 'scripts', 'bench', 'test']

describe('layers (.dependency-cruiser.cjs)', () => {
  it('hold: each folder imports only the layers below it, nothing imports in a cycle, no product code imports the tests', async () => {
    const bin = join(packageRoot, 'node_modules', '.bin', 'depcruise')
    const result = await run(bin, [...folders, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: packageRoot }).catch((error: { stdout?: string; stderr?: string }) => error)
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
    expect(output, output).toMatch(/no dependency violations found/)
  }, 120_000)
})
