import { describe, expect, it } from 'vitest'
import {
  appserviceIdSegmentOf,
  clientPingDialectAimedAt,
  clientPingPathIn,
  describeEndpointIn,
  dialectOfClientPingPath,
  dialectOfPingUrl,
  errcodeSpellings,
  homeserverErrcodeIn,
  isAppservicePingPath,
  stableErrcodeOf,
} from './unstable-ping-endpoints.js'

describe('MSC2659 unstable endpoints', () => {
  it('builds and recognises the client ping path of each dialect', () => {
    expect(clientPingPathIn('stable', 'a/b')).toBe('/_matrix/client/v1/appservice/a%2Fb/ping')
    expect(clientPingPathIn('unstable', 'a/b')).toBe('/_matrix/client/unstable/fi.mau.msc2659/appservice/a%2Fb/ping')
    expect(dialectOfClientPingPath('/_matrix/client/v1/appservice/x/ping')).toBe('stable')
    expect(dialectOfClientPingPath('/_matrix/client/unstable/fi.mau.msc2659/appservice/x/ping')).toBe('unstable')
    expect(dialectOfClientPingPath('/_matrix/client/unstable/appservice/x/ping')).toBeUndefined()
    expect(dialectOfClientPingPath('/_matrix/client/v1/appservice/x/y/ping')).toBeUndefined()
    expect(clientPingDialectAimedAt('/_matrix/client/unstable/fi.mau.msc2659/appservice/a/b/ping')).toBe('unstable')
    expect(clientPingDialectAimedAt('/_matrix/client/unstable/appservice/x/ping')).toBe('stable')
    expect(clientPingDialectAimedAt('/_matrix/client/v3/appservice/x/ping')).toBe('stable')
    expect(appserviceIdSegmentOf('/_matrix/client/unstable/fi.mau.msc2659/appservice/a%2Fb/ping')).toBe('a%2Fb')
  })

  it('recognises the appservice ping path of either dialect under a base path', () => {
    expect(isAppservicePingPath('/base/_matrix/app/v1/ping')).toBe(true)
    expect(isAppservicePingPath('/_matrix/app/unstable/fi.mau.msc2659/ping')).toBe(true)
    expect(isAppservicePingPath('/_matrix/app/v1/transactions/1')).toBe(false)
    expect(describeEndpointIn('unstable', 'ping')).toBe('POST /_matrix/app/unstable/fi.mau.msc2659/ping')
  })

  it('allows the FI.MAU.MSC2659_ prefix only for the errcodes MSC2659 introduced, only on the unstable paths', () => {
    expect(errcodeSpellings('unstable', 'M_BAD_STATUS')).toEqual(['M_BAD_STATUS', 'FI.MAU.MSC2659_BAD_STATUS'])
    expect(errcodeSpellings('unstable', 'M_FORBIDDEN')).toEqual(['M_FORBIDDEN'])
    expect(errcodeSpellings('stable', 'M_URL_NOT_SET')).toEqual(['M_URL_NOT_SET'])
    expect(stableErrcodeOf('FI.MAU.MSC2659_CONNECTION_TIMEOUT')).toBe('M_CONNECTION_TIMEOUT')
    expect(stableErrcodeOf('FI.MAU.MSC2659_FORBIDDEN')).toBe('FI.MAU.MSC2659_FORBIDDEN')
    expect(stableErrcodeOf('M_FORBIDDEN')).toBe('M_FORBIDDEN')
  })

  it('tells the dialect of a client ping URL, any base path and query before or after it', () => {
    expect(dialectOfPingUrl('http://hs/matrix/_matrix/client/unstable/fi.mau.msc2659/appservice/a%2Fb/ping?access_token=x')).toBe('unstable')
    expect(dialectOfPingUrl('http://hs/_matrix/client/v1/appservice/a/ping')).toBe('stable')
    expect(dialectOfPingUrl('http://hs/_matrix/client/versions')).toBeUndefined()
  })

  it("spells a homeserver's errcode as one of the dialect's time did", () => {
    expect(homeserverErrcodeIn('unstable', 'M_CONNECTION_TIMEOUT')).toBe('FI.MAU.MSC2659_CONNECTION_TIMEOUT')
    expect(homeserverErrcodeIn('unstable', 'M_UNKNOWN_TOKEN')).toBe('M_UNKNOWN_TOKEN')
    expect(homeserverErrcodeIn('stable', 'M_BAD_STATUS')).toBe('M_BAD_STATUS')
  })
})
