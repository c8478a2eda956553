import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * --help, --version and `list` answer without loading vitest (issue 12: under 200 ms): the
 * commands' modules are imported only when one runs. Structural, not timed: a module hook logs
 * every URL the CLI's module graph resolves, and vitest must not be among them.
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
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** The URLs resolved while `code` runs as an ES module (the CLI without bin/, which imports vitest up front today). */
async function resolvedBy(name: string, code: string): Promise<{ urls: string[]; stdout: string }> {
  const log = join(dir, `${name.replace(/\W+/g, '_')}.log`)
  const { stdout } = await run(process.execPath, ['--import', join(dir, 'register.mjs'), '--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, RESOLVED_LOG: log },
  })
  return { urls: (await readFile(log, 'utf8')).split('\n'), stdout }
}

const isVitest = (url: string) => /\/node_modules\/(vitest|@vitest|vite)\//.test(url)

describe('the CLI without a run', () => {
  it.each([[['--version']], [['--help']], [['homeserver', '--help']], [['list']]])('answers %j without loading vitest', async (args) => {
    const code = `const { main } = await import(${JSON.stringify(mainUrl)}); process.exitCode = await main(${JSON.stringify(args)})`
    const { urls, stdout } = await resolvedBy(args.join(' '), code)
    expect(stdout.length).toBeGreaterThan(0)
    // The hook saw the graph: the CLI's own module is in the log.
    expect(urls).toContain(mainUrl)
    expect(urls.filter(isVitest)).toEqual([])
  })

  it('would see vitest if it were loaded', async () => {
    const { urls } = await resolvedBy('vitest', `await import('vitest/node'); console.log('loaded')`)
    expect(urls.some(isVitest)).toBe(true)
  })
})
