import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InProcessHomeserverSide } from './in-process-homeserver-side.js'
import { isNoPing, pingAttempt } from './ping-round.js'
import { AppserviceClient } from '../clients/appservice-client.js'

const homeserverUrl = 'http://homeserver.mock-test.invalid'
const credentials = { hsToken: 'hs_mock_test', asToken: 'as_mock_test', asId: 'mock test/1' }
const pingUrl = `${homeserverUrl}/_matrix/client/v1/appservice/${encodeURIComponent(credentials.asId)}/ping`
/** MSC2659 § Unstable prefix: "/_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping". */
const unstablePingUrl = `${homeserverUrl}/_matrix/client/unstable/fi.mau.msc2659/appservice/${encodeURIComponent(credentials.asId)}/ping`

/** An appservice that answers every ping 200 {} and pings with whatever the test hands `ping`. */
let nextPing: () => Promise<Response> = () => Promise.reject(new Error('no ping arranged'))
const pingsSeen: string[] = []
const client = new AppserviceClient((req, res) => {
  let body = ''
  req.on('data', (c: Buffer) => (body += c.toString()))
  req.on('end', () => {
    pingsSeen.push(`${req.headers.authorization} ${body}`)
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
})
const side = new InProcessHomeserverSide({ credentials, client, homeserverUrl, waitMs: 2000, graceMs: 10, ping: () => nextPing() })

beforeAll(() => side.listen())
afterAll(async () => {
  side.close()
  await client.close()
})

const post = (url: string, init: { token?: string; body?: string }) =>
  fetch(url, {
    method: 'POST',
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), 'content-type': 'application/json' },
    body: init.body ?? '{}',
  })

describe('the mock homeserver', () => {
  it('pings a valid ping back with the hs_token and the same transaction_id, then reports duration_ms', async () => {
    let answer: Response | undefined
    nextPing = async () => (answer = await post(pingUrl, { token: credentials.asToken, body: '{"transaction_id":"t-1"}' }))
    const round = await side.firstPing()
    expect(isNoPing(round)).toBe(false)
    if (isNoPing(round)) return
    expect(pingAttempt(round)?.rawPath).toBe('/_matrix/client/v1/appservice/mock%20test%2F1/ping')
    expect(pingsSeen).toEqual(['Bearer hs_mock_test {"transaction_id":"t-1"}'])
    expect(round.pingBack!.response?.status).toBe(200)
    expect(answer?.status).toBe(200)
    expect(Object.keys((await answer!.json()) as object)).toEqual(['duration_ms'])
  })

  it('answers what a homeserver answers to a bad ping, without pinging back', async () => {
    const cases: [string, Promise<Response>, number, string][] = [
      ['no token', post(pingUrl, {}), 401, 'M_MISSING_TOKEN'],
      ['the hs_token', post(pingUrl, { token: credentials.hsToken }), 401, 'M_UNKNOWN_TOKEN'],
      ['another id', post(`${homeserverUrl}/_matrix/client/v1/appservice/other/ping`, { token: credentials.asToken }), 403, 'M_FORBIDDEN'],
      ['a numeric transaction_id', post(pingUrl, { token: credentials.asToken, body: '{"transaction_id":1}' }), 400, 'M_BAD_JSON'],
      ['an unencoded id', post(`${homeserverUrl}/_matrix/client/v1/appservice/mock test/1/ping`, { token: credentials.asToken }), 404, 'M_UNRECOGNIZED'],
    ]
    for (const [name, response, status, errcode] of cases) {
      const r = await response
      expect(`${name}: ${r.status} ${((await r.json()) as { errcode: string }).errcode}`).toBe(`${name}: ${status} ${errcode}`)
    }
    expect(pingsSeen).toHaveLength(1)
  })

  it('injects a fault in a fault round, and a network error when it is unreachable', async () => {
    nextPing = () => post(pingUrl, { token: credentials.asToken })
    const round = await side.pingUnder('timeout')
    expect(isNoPing(round) ? undefined : pingAttempt(round)?.answer?.status).toBe(504)
    const unreachable = await side.pingUnder('unreachable')
    expect(isNoPing(unreachable) ? undefined : pingAttempt(unreachable)?.answer).toBeUndefined()
  })

  it('says why there is no round when ping() sends nothing', async () => {
    nextPing = () => Promise.reject(new Error('no homeserver configured'))
    // A `ping` function was given, so the appservice was said to ping: its silence is graded (AS-CLIENT-PINGS), not just skipped.
    expect(await side.pingUnder('bad-status')).toEqual({
      unavailable: expect.stringMatching(/sent nothing .*ping\(\) failed: no homeserver configured/),
      expected: true,
    })
  })

  describe("on MSC2659's unstable path", () => {
    it('advertises the unstable flag next to the stable one, so an appservice of that time goes ahead', async () => {
      const versions = (await (await fetch(`${homeserverUrl}/_matrix/client/versions`)).json()) as { unstable_features: Record<string, boolean> }
      expect(versions.unstable_features).toMatchObject({ 'fi.mau.msc2659': true, 'fi.mau.msc2659.stable': true })
    })

    it('pings a valid ping back and reports duration_ms, as on v1', async () => {
      const before = pingsSeen.length
      // Outside a round the mock answers as a homeserver does, and keeps nothing.
      const answer = await post(unstablePingUrl, { token: credentials.asToken, body: '{"transaction_id":"t-u"}' })
      expect(answer.status).toBe(200)
      expect(Object.keys((await answer.json()) as object)).toEqual(['duration_ms'])
      expect(pingsSeen.slice(before)).toEqual(['Bearer hs_mock_test {"transaction_id":"t-u"}'])
    })

    it("spells the errcodes MSC2659 introduced FI.MAU.MSC2659_…, the spec's own ones M_…", async () => {
      nextPing = () => post(unstablePingUrl, { token: credentials.asToken })
      const spelled: string[] = []
      for (const fault of ['bad-status', 'connection-failed', 'timeout', 'url-not-set'] as const) {
        const round = await side.pingUnder(fault)
        const answer = isNoPing(round) ? undefined : pingAttempt(round)?.answer
        spelled.push(`${answer?.status} ${(JSON.parse(answer?.bodyText ?? '{}') as { errcode?: string }).errcode}`)
      }
      expect(spelled).toEqual([
        '502 FI.MAU.MSC2659_BAD_STATUS',
        '502 FI.MAU.MSC2659_CONNECTION_FAILED',
        '504 FI.MAU.MSC2659_CONNECTION_TIMEOUT',
        '400 FI.MAU.MSC2659_URL_NOT_SET',
      ])
      const refused = await post(unstablePingUrl, { token: credentials.hsToken })
      expect(`${refused.status} ${((await refused.json()) as { errcode: string }).errcode}`).toBe('401 M_UNKNOWN_TOKEN')
    })

    it("refuses Synapse's accidental unprefixed path and an unencoded id, as it refuses them on v1", async () => {
      const accidental = await post(`${homeserverUrl}/_matrix/client/unstable/appservice/${encodeURIComponent(credentials.asId)}/ping`, {
        token: credentials.asToken,
      })
      const unencoded = await post(`${homeserverUrl}/_matrix/client/unstable/fi.mau.msc2659/appservice/mock test/1/ping`, { token: credentials.asToken })
      expect([accidental.status, unencoded.status]).toEqual([404, 404])
    })
  })
})
