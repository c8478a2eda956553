import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { referenceTargets } from '../scripts/interop/interop-targets.js'
import { matrixAppserviceTarget } from '../scripts/interop/matrix-appservice-target.js'

/**
 * docs/interop.md is `npm run interop`'s output, too slow to write in a test (every target's full
 * run): this keeps it from going stale as targets come and go. It must list exactly the targets
 * the script runs today, each under its role, and a run of each must have made its column.
 */
describe('docs/interop.md', () => {
  const page = readFileSync(new URL('../docs/interop.md', import.meta.url), 'utf8')
  const [homeservers = '', appservices = ''] = page.split('\n## Appservices\n')

  it('lists every target npm run interop runs, under its role, and no other', async () => {
    const targets = [...(await referenceTargets()), matrixAppserviceTarget]
    const listed = (section: string) => [...section.matchAll(/^- \*\*(.+?)\*\*: /gm)].map((m) => m[1])
    expect(listed(homeservers)).toEqual(targets.filter((t) => t.role === 'homeserver').map((t) => t.label))
    expect(listed(appservices)).toEqual(targets.filter((t) => t.role === 'appservice').map((t) => t.label))
  })

  it('holds the compare table of each role, a column for each target', async () => {
    const targets = [...(await referenceTargets()), matrixAppserviceTarget]
    for (const [section, role] of [
      [homeservers, 'homeserver'],
      [appservices, 'appservice'],
    ] as const) {
      const header = section.split('\n').find((line) => line.startsWith('| Passed of graded |')) ?? ''
      expect(
        header
          .split('|')
          .slice(2, -1)
          .map((cell) => cell.trim()),
      ).toEqual(targets.filter((t) => t.role === role).map((t) => t.label))
    }
  })
})
