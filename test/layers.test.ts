import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { cruiseImports, type Cruise } from '../scripts/layers/cruise-imports.js'
import { contributingPath, contributingWithLayers } from '../scripts/layers/layers-doc.js'

/** One cruise of every folder (~10 s) serves both tests. */
let cruise: Cruise
beforeAll(async () => {
  cruise = await cruiseImports()
}, 120_000)

describe('layers (.dependency-cruiser.cjs)', () => {
  it('hold: each folder imports only the layers below it, nothing imports in a cycle, no product code imports the tests', () => {
    const broken = cruise.violations.map((v) => `${v.rule}: ${v.from} → ${v.to}`)
    expect(broken, broken.join('\n')).toEqual([])
  })

  it('are drawn in docs/CONTRIBUTING.md as the rules and the imports are today (else run `npm run docs:layers`)', async () => {
    expect(await readFile(contributingPath, 'utf8')).toBe(await contributingWithLayers(cruise))
  })
})
