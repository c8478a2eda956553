import { describe, expect, it } from 'vitest'
import { documentedErrorCodes, loadSpecs } from '../openapi/index.js'
import { requirements } from './registry.js'

/**
 * The spec's OpenAPI files are the list of what must be tested: every documented status and
 * (status, errcode) pair needs a requirement whose check provokes and grades it.
 */
describe('coverage gate: specs/ → requirement registry', () => {
  it('covers every documented success status and errcode of both endpoints', async () => {
    const specs = await loadSpecs()
    const documented = new Set<string>()
    for (const op of Object.values(specs.operations)) {
      for (const status of Object.keys(op.responses)) if (/^2\d\d$/.test(status)) documented.add(`${op.operationId} ${status}`)
    }
    for (const e of documentedErrorCodes(specs)) documented.add(`${e.operationId} ${e.status} ${e.errcode}`)
    const covered = new Set(requirements.flatMap((r) => r.covers ?? []))
    const missing = [...documented].filter((d) => !covered.has(d as never))
    expect(missing, 'documented responses without a check (add `covers` to the requirement that tests them)').toEqual([])
  })

  it('names only responses the specs document', async () => {
    const specs = await loadSpecs()
    for (const r of requirements) {
      for (const c of r.covers ?? []) {
        const [operationId, status] = c.split(' ')
        const op = specs.operations[operationId as keyof typeof specs.operations]
        expect(op?.responses[status!], `${r.id} covers '${c}'`).toBeDefined()
      }
    }
  })
})
