import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { codeRoot } from '../harness/package-files.js'
import { moduleCacheDir } from './module-cache-dir.js'
import { toolVersion } from './tool-version.js'

let cacheHome: string
beforeEach(() => {
  cacheHome = mkdtempSync(join(tmpdir(), 'asp-cache-home-'))
  vi.stubEnv('XDG_CACHE_HOME', cacheHome)
})
afterEach(() => {
  vi.unstubAllEnvs()
  rmSync(cacheHome, { recursive: true, force: true })
})

describe('the vitest module cache folder', () => {
  it('is made in the user cache directory, private to the user, and is the same folder for the same install each run', () => {
    const dir = moduleCacheDir({ codeRoot: '/opt/a/node_modules/as-ping-conformance/dist', version: '1.2.0' })
    expect(dir).toMatch(new RegExp(`^${cacheHome}/as-ping-conformance/vitest-modules/1\\.2\\.0-[0-9a-f]{12}$`))
    expect(statSync(dir!).isDirectory()).toBe(true)
    expect(statSync(dir!).mode & 0o777).toBe(0o700)
    expect(moduleCacheDir({ codeRoot: '/opt/a/node_modules/as-ping-conformance/dist', version: '1.2.0' })).toBe(dir)
  })

  it('is another folder for an install elsewhere, or of another version, so two installs running at once never share one', () => {
    const here = moduleCacheDir({ codeRoot: '/opt/a/node_modules/as-ping-conformance/dist', version: '1.2.0' })
    const elsewhere = moduleCacheDir({ codeRoot: '/opt/b/node_modules/as-ping-conformance/dist', version: '1.2.0' })
    const otherVersion = moduleCacheDir({ codeRoot: '/opt/a/node_modules/as-ping-conformance/dist', version: '1.3.0' })
    expect(new Set([here, elsewhere, otherVersion]).size).toBe(3)
  })

  it('defaults to the running code: its root and its version', () => {
    expect(moduleCacheDir()).toBe(moduleCacheDir({ codeRoot, version: toolVersion }))
    expect(moduleCacheDir()).toContain(`/vitest-modules/${toolVersion}-`)
  })

  it('is none when the cache directory cannot be made (the run then transforms every module)', () => {
    const file = join(cacheHome, 'a-file')
    writeFileSync(file, '')
    vi.stubEnv('XDG_CACHE_HOME', file)
    expect(moduleCacheDir()).toBeUndefined()
  })
})
