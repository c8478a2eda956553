import { describe, expect, it } from 'vitest'
import { pingSupport } from './spec-version.js'

describe('pingSupport: whether /versions advertises the ping, and on which paths', () => {
  it("grades the spec's paths for v1.7+ or fi.mau.msc2659.stable, and those win over the unstable flag", () => {
    expect(pingSupport({ versions: ['v1.6', 'v1.7'] })).toEqual({ supported: true, dialect: 'stable', newest: 'v1.7' })
    expect(pingSupport({ versions: ['v1.6'], unstable_features: { 'fi.mau.msc2659.stable': true } })).toEqual({
      supported: true,
      dialect: 'stable',
      newest: 'v1.6',
    })
    expect(pingSupport({ versions: ['v1.8'], unstable_features: { 'fi.mau.msc2659': true } })).toMatchObject({ dialect: 'stable' })
    expect(pingSupport({ versions: ['v1.5'], unstable_features: { 'fi.mau.msc2659': true, 'fi.mau.msc2659.stable': true } })).toMatchObject({
      dialect: 'stable',
    })
  })

  it("grades MSC2659's unstable paths when only fi.mau.msc2659 is advertised", () => {
    expect(pingSupport({ versions: ['v1.5', 'v1.6'], unstable_features: { 'fi.mau.msc2659': true } })).toEqual({
      supported: true,
      dialect: 'unstable',
      newest: 'v1.6',
    })
  })

  it('is not supported with neither flag (or a flag that is not true) and no v1.7', () => {
    expect(pingSupport({ versions: ['v1.6'], unstable_features: { 'fi.mau.msc2659': false } })).toEqual({ supported: false, newest: 'v1.6' })
    expect(pingSupport({ versions: ['v1.6'], unstable_features: { 'fi.mau.msc2659': 'yes' } })).toEqual({ supported: false, newest: 'v1.6' })
    expect(pingSupport({ unstable_features: ['fi.mau.msc2659'] })).toEqual({ supported: false })
  })
})
