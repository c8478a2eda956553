import { describe, expect, it } from 'vitest'
import { clientPingPath, describeEndpoint, pingEndpoints } from './ping-endpoints.js'

describe('the ping endpoints, as specs/ defines them', () => {
  it('are the two operations the spec defines, basePath included', () => {
    expect(pingEndpoints).toEqual({
      pingAppservice: { method: 'POST', path: '/_matrix/client/v1/appservice/{appserviceId}/ping' },
      ping: { method: 'POST', path: '/_matrix/app/v1/ping' },
    })
    expect(describeEndpoint('ping')).toBe('POST /_matrix/app/v1/ping')
  })

  it('put an appservice id into the client path as one percent-encoded segment', () => {
    expect(clientPingPath('a/b c')).toBe('/_matrix/client/v1/appservice/a%2Fb%20c/ping')
  })
})
