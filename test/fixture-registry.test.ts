import { describe, expect, it } from 'vitest'
import { findVariant, variantsOf, type FixtureRole } from '../fixtures/registry.js'
import { UsageError } from '../harness/usage-error.js'

const roles: FixtureRole[] = ['homeserver', 'appservice']

describe('the fixture registry (fixtures/registry.ts)', () => {
  it.each(roles)('holds every %s variant under its own name, kinds together in one namespace', async (role) => {
    const names = (await variantsOf(role)).map((v) => v.name)
    expect(names.length).toBeGreaterThan(10)
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([])
  })

  it('has the broken, conformant and hostile homeservers, and the broken and conformant appservices', async () => {
    const kinds = async (role: FixtureRole) => [...new Set((await variantsOf(role)).map((v) => v.kind))]
    expect(await kinds('homeserver')).toEqual(['broken', 'conformant', 'hostile'])
    expect(await kinds('appservice')).toEqual(['broken', 'conformant'])
  })

  it('finds a variant by role and name', async () => {
    expect(await findVariant('homeserver', 'pings-twice')).toMatchObject({ kind: 'broken', name: 'pings-twice' })
    const hostile = await findVariant('homeserver', 'not-json')
    expect(hostile.kind).toBe('hostile')
    expect(hostile.options.startHomeserver).toBeTypeOf('function')
    expect(await findVariant('appservice', 'wrong-method-404')).toMatchObject({ kind: 'broken' })
  })

  it('refuses an unknown name with the names it was most likely meant to be', async () => {
    const error = await findVariant('homeserver', 'ping-twice').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect(error).toMatchObject({ message: "no homeserver variant 'ping-twice' (broken, conformant, hostile)", remedy: 'did you mean pings-twice' })
  })

  it('lists every name by kind when none is close', async () => {
    const error = (await findVariant('appservice', 'zzzzzzzz').catch((e: unknown) => e)) as UsageError
    expect(error.remedy).toMatch(/^choose one of: .*wrong-method-404.* \(broken\); .* \(conformant\)$/)
  })
})
