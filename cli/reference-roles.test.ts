import { describe, expect, it } from 'vitest'
import { appserviceReportTargets, onlyFor, referenceRoles } from './reference-roles.js'

describe('reference roles', () => {
  it('runs both by default, and the role a variant, --only or --load points at otherwise', () => {
    expect(referenceRoles({})).toEqual({ homeserver: true, appservice: true })
    expect(referenceRoles({ variant: 'x' })).toEqual({ homeserver: true, appservice: false })
    expect(referenceRoles({ appserviceVariant: 'y' })).toEqual({ homeserver: false, appservice: true })
    expect(referenceRoles({ variant: 'x', appserviceVariant: 'y' })).toEqual({ homeserver: true, appservice: true })
    expect(referenceRoles({ only: ['AS-PING-OK'] })).toEqual({ homeserver: false, appservice: true })
    expect(referenceRoles({ only: ['HS-PING-OK', 'AS-PING-OK'] })).toEqual({ homeserver: true, appservice: true })
    expect(referenceRoles({ load: 10 })).toEqual({ homeserver: true, appservice: false })
    expect(referenceRoles({ role: 'appservice', only: ['HS-PING-OK'] })).toEqual({ homeserver: false, appservice: true })
  })

  it('refuses flags of the other role, and grading files across both runs', () => {
    expect(() => referenceRoles({ role: 'appservice', variant: 'x' })).toThrow(/belong to the homeserver run/)
    expect(() => referenceRoles({ role: 'homeserver', appserviceVariant: 'y' })).toThrow(/belongs to the appservice run/)
    expect(() => referenceRoles({ expectations: 'e.yaml' })).toThrow(/grade one role's run/)
    expect(referenceRoles({ role: 'appservice', expectations: 'e.yaml' })).toEqual({ homeserver: false, appservice: true })
  })

  it('splits --only by role, keeping ids of neither (so the run can say they are unknown)', () => {
    expect(onlyFor('appservice', ['HS-PING-OK', 'AS-PING-OK', 'NOPE'])).toEqual(['AS-PING-OK', 'NOPE'])
    expect(onlyFor('homeserver', undefined)).toBeUndefined()
  })

  it('puts the appservice report next to the homeserver report', () => {
    expect(appserviceReportTargets({ json: 'out/report.json', html: 'r' })).toEqual({ json: 'out/report.appservice.json', html: 'r.appservice' })
  })
})
