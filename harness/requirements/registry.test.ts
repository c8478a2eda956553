import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkFileName, requirements } from './registry.js'
import { hasCheckFile } from './requirement.js'

const root = new URL('../../', import.meta.url)

describe('requirement registry', () => {
  it('has unique ids', () => {
    const ids = requirements.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives every requirement a level, a spec link into spec.matrix.org and a quote', () => {
    for (const r of requirements) {
      expect(['MUST', 'SHOULD', 'INFO']).toContain(r.level)
      expect(r.spec, r.id).toMatch(/^https:\/\/(spec\.matrix\.org|github\.com\/matrix-org)\//)
      expect(r.quote.length, r.id).toBeGreaterThan(10)
      expect(r.since, r.id).toMatch(/^v1\.\d+$/)
    }
  })

  it('has one check file per requirement, named after its id', () => {
    for (const r of requirements) {
      if (!hasCheckFile(r)) continue
      const file = new URL(`suites/${r.role}/${checkFileName(r.id)}`, root)
      expect(existsSync(file), `${r.id} → suites/${r.role}/${checkFileName(r.id)}`).toBe(true)
      expect(readFileSync(file, 'utf8'), `${file} declares ${r.id}`).toContain(`'${r.id}'`)
    }
  })

  it("has check files that only define their check: importing one declares nothing, its default export is its requirement's", async () => {
    for (const r of requirements.filter(hasCheckFile)) {
      const module = (await import(new URL(`suites/${r.role}/${checkFileName(r.id)}`, root).href)) as { default?: { id?: string; body?: unknown } }
      expect(module.default?.id, `${r.id}'s file`).toBe(r.id)
      expect(typeof module.default?.body, `${r.id}'s file`).toBe('function')
    }
  })

  it('keeps no check files for requirements graded by the runner, nor files without a requirement', () => {
    for (const role of ['homeserver', 'appservice'] as const) {
      const files = readdirSync(new URL(`suites/${role}/`, root)).filter((f) => f.endsWith('.test.ts'))
      const expected = requirements.filter((r) => r.role === role && hasCheckFile(r)).map((r) => checkFileName(r.id))
      expect(files.sort()).toEqual(expected.sort())
    }
  })
})
