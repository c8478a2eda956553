import { describe, expect, it } from 'vitest'
import { createConformanceRegistrations, defaultUnreachableUrl, registrationRoles } from './conformance-registrations.js'

describe('createConformanceRegistrations', () => {
  const registrations = createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })

  it('makes the three roles: the stub, url: null, and an unreachable url', () => {
    expect(registrations.main).toMatchObject({ id: 'as-ping-conformance', url: 'http://127.0.0.1:9000' })
    expect(registrations.noUrl).toMatchObject({ id: 'as-ping-conformance-no-url', url: null })
    expect(registrations.unreachable).toMatchObject({ id: 'as-ping-conformance-unreachable', url: 'http://127.0.0.1:1' })
  })

  it('gives every registration its own fresh tokens and exclusive user namespace', () => {
    const tokens = registrationRoles.flatMap((role) => [registrations[role].as_token, registrations[role].hs_token])
    expect(new Set(tokens).size).toBe(6)
    for (const token of tokens) expect(token).toMatch(/^(as|hs)_[A-Za-z0-9_-]{32}$/)
    const again = createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })
    expect(again.main.as_token).not.toBe(registrations.main.as_token)
    for (const role of registrationRoles) {
      const { sender_localpart, namespaces } = registrations[role]
      expect(namespaces.users).toEqual([{ exclusive: true, regex: expect.stringMatching(/^@_asping_\w+_\.\*$/) }])
      expect(`@${sender_localpart}:hs`).toMatch(new RegExp(namespaces.users[0]!.regex))
    }
  })

  it('takes an id prefix and an explicit unreachable url', () => {
    const custom = createConformanceRegistrations({ asUrl: 'http://10.0.0.2:9000', unreachableUrl: 'http://10.0.0.2:9', idPrefix: 'mine' })
    expect([custom.main.id, custom.noUrl.id, custom.unreachable.id]).toEqual(['mine', 'mine-no-url', 'mine-unreachable'])
    expect(custom.unreachable.url).toBe('http://10.0.0.2:9')
  })
})

describe('defaultUnreachableUrl', () => {
  it('is port 1 of the --as-url host, IPv6 literals kept in brackets', () => {
    expect(defaultUnreachableUrl('http://127.0.0.1:9000/base')).toBe('http://127.0.0.1:1')
    expect(defaultUnreachableUrl('https://[::1]:9000')).toBe('https://[::1]:1')
    expect(defaultUnreachableUrl('http://host.docker.internal:9000')).toBe('http://host.docker.internal:1')
  })
})
