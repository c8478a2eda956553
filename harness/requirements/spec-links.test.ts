import { describe, expect, it } from 'vitest'
import { specLinkFor, specLinks } from './spec-links.js'

// The registry and docs/checks.md cite v1.7, whose words the quotes are; a run links the version it graded.
describe('specLinkFor', () => {
  it('points a spec anchor at the version graded', () => {
    expect(specLinkFor(specLinks.clientPing, 'v1.12', 'v1.7')).toBe(
      'https://spec.matrix.org/v1.12/application-service-api/#post_matrixclientv1appserviceappserviceidping',
    )
  })

  it('uses the version that introduced the requirement when the graded one is older (v1.6 has no ping section)', () => {
    expect(specLinkFor(specLinks.pinging, 'v1.6', 'v1.7')).toBe('https://spec.matrix.org/v1.7/application-service-api/#pinging')
    expect(specLinkFor(specLinks.appserviceAuthorization, 'v1.6', 'v1.4')).toBe('https://spec.matrix.org/v1.6/application-service-api/#authorization')
  })

  it('keeps links outside the versioned spec, and any link when the graded version is no vX.Y', () => {
    expect(specLinkFor(specLinks.msc4127, 'v1.12', 'v1.7')).toBe(specLinks.msc4127)
    expect(specLinkFor(specLinks.clientPing, 'unstable', 'v1.7')).toBe(specLinks.clientPing)
  })
})
