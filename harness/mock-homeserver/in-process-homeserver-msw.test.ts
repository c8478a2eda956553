import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import { AppserviceClient } from '../clients/appservice-client.js'
import { HarnessError } from '../usage-error.js'
import { InProcessHomeserverSide } from './in-process-homeserver-side.js'

const homeserverUrl = 'http://homeserver.msw-test.invalid'
const credentials = { hsToken: 'hs_secret', asToken: 'as_secret', asId: 'bridge' }
const pingPath = `${homeserverUrl}/_matrix/client/v1/appservice/bridge/ping`
// The suite's own calls to the appservice are marked for msw to let through (the file's server errors on unhandled requests).
const client = new AppserviceClient((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), 10_000, true)
const sides: InProcessHomeserverSide[] = []
const ownServer = setupServer(http.get('https://api.example.test/status', () => HttpResponse.json({ ok: true })))

function side(msw?: typeof ownServer): InProcessHomeserverSide {
  const made = new InProcessHomeserverSide({ credentials, client, homeserverUrl, waitMs: 500, graceMs: 0, ...(msw ? { msw } : {}) })
  sides.push(made)
  return made
}

afterEach(() => {
  sides.splice(0).forEach((s) => s.close())
  ownServer.close()
})

describe('the in-process mock homeserver beside a test file’s own msw server', () => {
  it('refuses to start a second msw server, and says how to join the first', () => {
    ownServer.listen({ onUnhandledRequest: 'error' })
    expect(() => side().listen()).toThrow(HarnessError)
    expect(() => side().listen()).toThrow(/pass it to appserviceConformance as `msw: server`/)
  })

  it('joins it: the appservice’s ping is answered by the mock homeserver, and the file’s own mocks still answer', async () => {
    ownServer.listen({ onUnhandledRequest: 'error' })
    const joined = side(ownServer)
    joined.listen()
    joined.mock.beginRound('answer')
    const ping = await fetch(pingPath, {
      method: 'POST',
      headers: { Authorization: 'Bearer as_secret', 'Content-Type': 'application/json' },
      body: '{"transaction_id":"t1"}',
    })
    expect(ping.status).toBe(200)
    expect(await ping.json()).toMatchObject({ duration_ms: expect.any(Number) as number })
    const round = joined.mock.endRound()
    expect(round.requests).toHaveLength(1)
    expect(round.pingBack?.response?.status).toBe(200)
    const own = await fetch('https://api.example.test/status')
    expect(await own.json()).toEqual({ ok: true })
  })
})
