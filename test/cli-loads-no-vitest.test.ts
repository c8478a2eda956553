import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * --help, --version and `list` answer without loading vitest, a YAML parser or the spec files
 * (issues 12 and 13: under 200 ms): the commands' modules are imported only when one runs, and
 * the ping paths the help quotes come from a generated table. Structural, not timed: a module
 * hook logs every URL the CLI's module graph resolves, and node:fs's read functions every file
 * read, and none of vitest, yaml or specs/ may be among them.
 */
const run = promisify(execFile)
const mainUrl = new URL('../cli/main.ts', import.meta.url).href
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asp-no-vitest-'))
  await writeFile(
    join(dir, 'log-resolved.mjs'),
    `import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(process.env.RESOLVED_LOG, resolved.url + '\\n')
  return resolved
}
`,
  )
  await writeFile(join(dir, 'register.mjs'), `import { register } from 'node:module'\nregister('./log-resolved.mjs', import.meta.url)\n`)
  // Wraps the read functions before the code under test imports node:fs, so its named imports get the wrappers too.
  await writeFile(
    join(dir, 'log-reads.mjs'),
    `import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
const { appendFileSync } = fs
const log = (file) => appendFileSync(process.env.READ_LOG, String(file) + '\\n')
const logged = (read) => function (file, ...rest) { log(file); return read.call(this, file, ...rest) }
fs.readFileSync = logged(fs.readFileSync)
fs.readFile = logged(fs.readFile)
fs.promises.readFile = logged(fs.promises.readFile)
syncBuiltinESMExports()
`,
  )
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/**
 * The URLs resolved and the files read while `code` runs as an ES module (the CLI without bin/,
 * which imports vitest up front today).
 */
async function resolvedBy(name: string, code: string): Promise<{ urls: string[]; reads: string[]; stdout: string }> {
  const log = join(dir, `${name.replace(/\W+/g, '_')}.log`)
  const readLog = join(dir, `${name.replace(/\W+/g, '_')}.reads.log`)
  await writeFile(readLog, '')
  const { stdout } = await run(
    process.execPath,
    ['--import', join(dir, 'log-reads.mjs'), '--import', join(dir, 'register.mjs'), '--import', 'tsx', '--input-type=module', '-e', code],
    { env: { ...process.env, RESOLVED_LOG: log, READ_LOG: readLog } },
  )
  return { urls: (await readFile(log, 'utf8')).split('\n'), reads: (await readFile(readLog, 'utf8')).split('\n').filter(Boolean), stdout }
}

const isVitest = (url: string) => /\/node_modules\/(vitest|@vitest|vite)\//.test(url)
const isYaml = (url: string) => url.includes('/node_modules/yaml/')
const specsDir = fileURLToPath(new URL('../specs/', import.meta.url))
const isSpecFile = (file: string) => resolve(file.startsWith('file:') ? fileURLToPath(file) : file).startsWith(specsDir)
const readPingEndpointsUrl = new URL('../harness/openapi/read-ping-endpoints.ts', import.meta.url).href

describe('the CLI without a run', () => {
  it.each([[['--version']], [['--help']], [['homeserver', '--help']], [['list']]])(
    'answers %j without loading vitest, yaml or the spec files',
    async (args) => {
      const code = `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(${JSON.stringify(args)})`
      const { urls, reads, stdout } = await resolvedBy(args.join(' '), code)
      expect(stdout.length).toBeGreaterThan(0)
      // The hook saw the graph: the CLI's own module is in the log.
      expect(urls).toContain(mainUrl)
      expect(urls.filter(isVitest)).toEqual([])
      expect(urls.filter(isYaml)).toEqual([])
      expect(reads.filter(isSpecFile)).toEqual([])
    },
  )

  it('the help still quotes the ping paths, from the generated table', async () => {
    const { stdout } = await resolvedBy(
      'help-paths',
      `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(['homeserver', '--help'])`,
    )
    expect(stdout).toContain('POST /_matrix/client/v1/appservice/{appserviceId}/ping')
  })

  it('would see vitest if it were loaded', async () => {
    const { urls } = await resolvedBy('vitest', `await import('vitest/node'); console.log('loaded')`)
    expect(urls.some(isVitest)).toBe(true)
  })

  it('would see yaml and the spec files if they were read', async () => {
    const { urls, reads } = await resolvedBy(
      'specs',
      `const { readPingEndpoints } = await import(${JSON.stringify(readPingEndpointsUrl)}); console.log(readPingEndpoints().ping.path)`,
    )
    expect(urls.some(isYaml)).toBe(true)
    expect(reads.some(isSpecFile)).toBe(true)
  })
})
