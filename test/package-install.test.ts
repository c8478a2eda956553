import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumerCacheHome,
  installedVersion,
  newProject,
  npmInstall,
  packPackage,
  removeMadeFolders,
  runIn,
  type PackedPackage,
} from './support/consumer-project.js'
import { readmeLibraryExample } from './support/readme-example.js'

/**
 * The package as a user gets it: packed (its `prepare` builds dist/), installed into a new project
 * outside this repository, and used there the ways the README says: the CLI through npx, the
 * library example type-checked under both module resolutions a TypeScript project uses, and run
 * by the project's own vitest, at both ends of the vitest range the package declares, also beside
 * the project's own msw server.
 */

/** The README's example imports the user's appservice from here; this one is the reference appservice, from the package. */
const myAppservice = "export { createReferenceAppservice as createMyAppservice } from 'as-ping-conformance/reference-appservice'\n"

/** The user's own msw server for an API of theirs, in the same test file as the conformance checks, with msw's defaults. */
const ownMswServer = `import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const server = setupServer(http.get('https://api.example.test/status', () => HttpResponse.json({ ok: true })))
beforeAll(() => server.listen())
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
`

/** Declared after the checks, so it runs after them: the user's mocks still answer. */
const ownMockStillAnswers = `
it('my own mocked API still answers after the checks', async () => {
  const response = await fetch('https://api.example.test/status')
  expect(await response.json()).toEqual({ ok: true })
})
`

function tsconfig(module: 'NodeNext' | 'ESNext', moduleResolution: 'NodeNext' | 'Bundler'): string {
  return JSON.stringify({ compilerOptions: { target: 'ES2022', module, moduleResolution, strict: true, noEmit: true, types: ['node'] }, include: ['*.ts'] })
}

/** The example with the user's msw server, handed to it as the README says (`msw: server`); imports first. */
function besideOwnMsw(example: string): string {
  const joined = example.replace('appserviceConformance({\n', 'appserviceConformance({\n  msw: server,\n')
  if (joined === example) throw new Error('the README example no longer calls appserviceConformance({ … })')
  const lines = [...ownMswServer.split('\n'), ...joined.split('\n'), ...ownMockStillAnswers.split('\n')]
  const imports = lines.filter((line) => line.startsWith('import '))
  return [...imports, '', ...lines.filter((line) => !line.startsWith('import '))].join('\n')
}

/** The range the package declares (package.json peerDependencies), and the versions its ends are tested at. */
// 4.0.0 itself cannot run with the vite 7 it installs today (its workers lack the getBuiltins call): 4.0.1 is the lowest that runs.
const vitestLowest = '4.0.1'

let packed: PackedPackage
let project: string

beforeAll(async () => {
  packed = await packPackage()
  const example = readmeLibraryExample()
  project = await newProject({
    'my-appservice.ts': myAppservice,
    'conformance.test.ts': example,
    'own-msw.test.ts': besideOwnMsw(example),
    'tsconfig.nodenext.json': tsconfig('NodeNext', 'NodeNext'),
    'tsconfig.bundler.json': tsconfig('ESNext', 'Bundler'),
  })
  const versions = await Promise.all(['vitest', 'msw', 'typescript', '@types/node'].map(async (name) => `${name}@${await installedVersion(name)}`))
  const installed = await npmInstall(project, [packed.tarball, ...versions])
  expect(installed.code, installed.stderr).toBe(0)
}, 600_000)
afterAll(removeMadeFolders)

describe('the packed package', () => {
  it('holds the build and the specs, and none of the project’s own tests, sources or tools', () => {
    expect(packed.files).toContain('dist/cli/bin.js')
    expect(packed.files).toContain('dist/index.d.ts')
    expect(packed.files).toContain('specs/client-server/appservice_ping.yaml')
    const misplaced = packed.files.filter((file) => /^(test|scripts|bench|bin)\//.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')))
    expect(misplaced).toEqual([])
    const ownTests = packed.files.filter((file) => file.endsWith('.test.js') && !file.startsWith('dist/suites/'))
    expect(ownTests).toEqual([])
  })
})

describe('installed in a new project', () => {
  it('answers npx as-ping-conformance --help', async () => {
    const help = await runIn(project, 'npx', ['as-ping-conformance', '--help'])
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/^Usage: as-ping-conformance/m)
  })

  it('runs the full reference run from its build, and it conforms, its vitest module cache in a folder of this install alone', async () => {
    const run = await runIn(project, 'npx', ['as-ping-conformance', 'reference', '--hs-timeout-ms', '1500'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('The target conforms (exit 0).')
    // runner/module-cache-dir.ts: keyed by the install's version and place, in the consumer's XDG_CACHE_HOME.
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default
    const folder = new RegExp(`^${version.replaceAll('.', '\\.')}-[0-9a-f]{12}$`)
    expect(readdirSync(join(consumerCacheHome(), 'as-ping-conformance', 'vitest-modules'))).toEqual([expect.stringMatching(folder)])
  })

  it.each([['tsconfig.nodenext.json'], ['tsconfig.bundler.json']])('type-checks the README library example strictly (%s)', async (config) => {
    const checked = await runIn(project, 'npx', ['tsc', '-p', config])
    expect(checked.stdout + checked.stderr).toBe('')
    expect(checked.code).toBe(0)
  })

  it('runs the README library example with vitest, also beside the project’s own msw server, with no error output', async () => {
    const run = await runIn(project, 'npx', ['vitest', 'run', '--reporter=verbose'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Test Files\s+2 passed \(2\)/)
    expect(run.stdout).not.toMatch(/failed|skipped/)
    expect(run.stdout).toContain('my own mocked API still answers after the checks')
    expect(run.stderr).toBe('')
    expect(run.stdout).not.toMatch(/Body is unusable|Error:|\bat .*\.js:\d+/)
  })

  it(`works with the lowest vitest the package supports (${vitestLowest})`, async () => {
    const installed = await npmInstall(project, [`vitest@${vitestLowest}`])
    expect(installed.code, installed.stderr).toBe(0)
    const library = await runIn(project, 'npx', ['vitest', 'run'])
    expect(library.code, library.stdout + library.stderr).toBe(0)
    expect(library.stderr).toBe('')
    const cli = await runIn(project, 'npx', ['as-ping-conformance', 'reference', '--role', 'homeserver', '--hs-timeout-ms', '1500'])
    expect(cli.code, cli.stdout + cli.stderr).toBe(0)
    expect(cli.stdout).toContain('The target conforms (exit 0).')
  })
})

describe('npx of the tarball, outside any project', () => {
  it('answers --version with the package version, and --help (the commands, loaded from the tarball)', async () => {
    const version = await runIn(tmpdir(), 'npx', ['--yes', `file:${packed.tarball}`, '--version'])
    expect(version.code, version.stderr).toBe(0)
    expect(version.stdout.trim()).toBe((await import('../package.json', { with: { type: 'json' } })).default.version)
    const help = await runIn(tmpdir(), 'npx', ['--yes', `file:${packed.tarball}`, '--help'])
    expect(help.code, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/^ {2}serve\b/m)
  })
})
