import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pingPath } from './recorded-request.js'
import { StubAppservice } from './stub-appservice.js'
import { StubControlClient } from './stub-control-client.js'
import { startStubControlServer } from './stub-control-server.js'
import { respondEmpty, respondJson, respondText } from './stub-outcome.js'

/** The stub on real loopback sockets, driven the way a homeserver drives it. */
let stub: StubAppservice
let baseUrl: string

beforeEach(async () => {
  stub = new StubAppservice()
  baseUrl = await stub.start('127.0.0.1', 0)
})
afterEach(() => stub.stop())

function ping(
  body: unknown,
  init: { signal?: AbortSignal; path?: string; method?: string; rawBody?: string; redirect?: 'manual' | 'follow' } = {},
): Promise<Response> {
  return fetch(`${baseUrl}${init.path ?? pingPath}?access_token=legacy`, {
    method: init.method ?? 'POST',
    headers: { authorization: 'Bearer hs_secret', 'content-type': 'application/json' },
    body: init.rawBody ?? JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
    ...(init.redirect ? { redirect: init.redirect } : {}),
  })
}

describe('StubAppservice', () => {
  it('listens on loopback at the port it was given (0: a free one)', () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers an arranged ping as arranged and records it in full, correlated by transaction_id', async () => {
    stub.arrange('t1', respondJson(403, { errcode: 'M_FORBIDDEN' }))
    const response = await ping({ transaction_id: 't1' })
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ errcode: 'M_FORBIDDEN' })
    const [recorded] = stub.requestsFor('t1')
    expect(recorded).toMatchObject({
      method: 'POST',
      path: pingPath,
      query: { access_token: ['legacy'] },
      bodyText: '{"transaction_id":"t1"}',
      transactionId: 't1',
      hasTransactionId: true,
      correlated: true,
      outcome: { kind: 'respond', status: 403 },
    })
    expect(recorded!.headers.authorization).toBe('Bearer hs_secret')
    expect(stub.unclaimed()).toEqual([])
  })

  it('holds a load ping (holdOnlyUngraded) until it is forgotten, then neither keeps nor leaves unclaimed its late calls', async () => {
    stub.holdOnlyUngraded('load.')
    stub.arrange('load.1', respondJson(418, { error: 'mine' }))
    expect((await ping({ transaction_id: 'load.1' })).status).toBe(418)
    expect(stub.requestsFor('load.1')).toMatchObject([{ transactionId: 'load.1', correlated: true }])
    expect(stub.all()).toEqual([])
    stub.forget('load.1')
    expect(stub.requestsFor('load.1')).toEqual([])
    // A late duplicate of a forgotten load ping: still the load's, answered 200 {}, kept nowhere.
    const late = await ping({ transaction_id: 'load.1' })
    expect([late.status, await late.text()]).toEqual([200, '{}'])
    expect([stub.requestsFor('load.1'), stub.unclaimed(), stub.all()]).toEqual([[], [], []])
    // Other pings are recorded as before.
    stub.arrange('other', respondEmpty(204))
    await ping({ transaction_id: 'other' })
    expect(stub.all().map((r) => r.transactionId)).toEqual(['other'])
  })

  it('answers an empty outcome with no body and no Content-Type (a 204 No Content)', async () => {
    stub.arrange('t204', respondEmpty(204))
    const response = await ping({ transaction_id: 't204' })
    expect(response.status).toBe(204)
    expect(response.headers.get('content-type')).toBeNull()
    expect(await response.text()).toBe('')
  })

  it('redirects to a Location on itself, where the same transaction_id is answered 200 {} (no loop)', async () => {
    stub.arrange('t307', { kind: 'redirect', status: 307 })
    const redirect = await ping({ transaction_id: 't307' }, { redirect: 'manual' })
    expect(redirect.status).toBe(307)
    expect(redirect.headers.get('location')).toBe(`${pingPath}?redirected`)
    const followed = await ping({ transaction_id: 't307' })
    expect([followed.status, await followed.text()]).toEqual([200, '{}'])
    expect(stub.requestsFor('t307').map((r) => Object.keys(r.query))).toEqual([['access_token'], ['access_token'], ['redirected']])
  })

  it('takes no "" for a correlation id: a ping registered with it is tracked as one without, and its call stays uncorrelated', async () => {
    const ticket = await stub.beginPing('')
    await ping({ transaction_id: '' })
    stub.endPing(ticket, 200)
    expect(stub.unclaimed()).toMatchObject([{ transactionId: '', correlated: false }])
  })

  it('answers 200 {} to a ping nobody arranged, and keeps it as unclaimed when no window is open', async () => {
    const response = await ping({ transaction_id: 'nobody-asked' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('{}')
    expect(stub.unclaimed()).toHaveLength(1)
    expect(stub.unclaimed()[0]).toMatchObject({ transactionId: 'nobody-asked', correlated: false })
  })

  it('records a transaction_id that is not a string as it came, uncorrelated', async () => {
    await ping({ transaction_id: null })
    await ping({})
    await ping(undefined, { rawBody: 'not json' })
    expect(stub.unclaimed().map((r) => [r.hasTransactionId, r.transactionId])).toEqual([
      [true, null],
      [false, undefined],
      [false, undefined],
    ])
  })

  it('collects uncorrelated pings in the open window instead of leaving them unclaimed', async () => {
    const id = await stub.openWindow()
    await ping({})
    const collected = stub.closeWindow(id)
    expect(collected).toHaveLength(1)
    expect(stub.unclaimed()).toEqual([])
    expect(() => stub.closeWindow(id)).toThrow(/not open/)
  })

  it('opens one window at a time: the next waits until the first is closed', async () => {
    const first = await stub.openWindow()
    let secondOpened = false
    const second = stub.openWindow().then((id) => {
      secondOpened = true
      return id
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(secondOpened).toBe(false)
    stub.closeWindow(first)
    const secondId = await second
    expect(secondId).not.toBe(first)
    expect(stub.closeWindow(secondId)).toEqual([])
  })

  it('charges a call carrying a registered transaction_id to its ping, even while a window is open', async () => {
    const ticket = await stub.beginPing('mine')
    expect((await ping({ transaction_id: 'mine' })).status).toBe(200)
    expect(stub.endPing(ticket, 200)).toEqual({ callbackArrived: true })
    const window = await stub.openWindow()
    const late = await stub.beginPing('late', window)
    await ping({ transaction_id: 'late' })
    stub.endPing(late, 200)
    expect(stub.closeWindow(window)).toEqual([])
    expect(stub.requestsFor('late')).toHaveLength(1)
    expect(stub.lostTransactions()).toEqual([])
  })

  it('opens a window only once every ping in flight has settled, and holds other pings back while it is open', async () => {
    const ticket = await stub.beginPing('in-flight')
    let opened = false
    const window = stub.openWindow().then((id) => ((opened = true), id))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(opened).toBe(false)
    // Answered without its call: it may still cause one for a short while, then it has settled.
    stub.endPing(ticket, 200)
    const id = await window
    expect(stub.lostTransactions()).toEqual(['in-flight'])
    let begun = false
    const other = stub.beginPing('other').then(() => (begun = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(begun).toBe(false)
    stub.closeWindow(id)
    await other
    expect(begun).toBe(true)
  })

  it('leaves a call with an unknown string transaction_id unclaimed in a window, unless the window takes unknown ids', async () => {
    const plain = await stub.openWindow()
    await ping({ transaction_id: 'health-check-1' })
    await ping({})
    expect(stub.closeWindow(plain).map((r) => r.bodyText)).toEqual(['{}'])
    expect(stub.unclaimed().map((r) => r.transactionId)).toEqual(['health-check-1'])
    const taking = await stub.openWindow(true)
    await ping({ transaction_id: 'rewritten' })
    expect(stub.closeWindow(taking).map((r) => r.transactionId)).toEqual(['rewritten'])
  })

  it('waits delayMs before answering', async () => {
    stub.arrange('slow', respondJson(200, {}, 150))
    const started = performance.now()
    expect((await ping({ transaction_id: 'slow' })).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
  })

  it('answers with the given content type', async () => {
    stub.arrange('text', respondText(500, 'boom', 'text/plain'))
    const response = await ping({ transaction_id: 'text' })
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([500, 'text/plain', 'boom'])
  })

  it('resets the connection when told to', async () => {
    stub.arrange('reset', { kind: 'reset' })
    const failure = await ping({ transaction_id: 'reset' }).then(
      () => undefined,
      (error: unknown) => error as { cause?: { code?: string } },
    )
    expect(failure?.cause?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
    expect(stub.requestsFor('reset')).toHaveLength(1)
    expect(stub.requestsFor('reset')[0]!.answeredAt).toBeUndefined()
  })

  it('stamps when it finished writing an answer (answeredAt), after its delay, and hands it over its control channel', async () => {
    stub.arrange('slow', respondJson(200, {}, 60))
    stub.arrange('hung', { kind: 'hang' })
    const sentAt = Date.now()
    expect((await ping({ transaction_id: 'slow' })).status).toBe(200)
    const hanging = ping({ transaction_id: 'hung' }, { signal: AbortSignal.timeout(100) }).catch(() => undefined)
    const control = await startStubControlServer(stub)
    try {
      const client = new StubControlClient(control.url)
      const [slow] = await client.requestsFor('slow', 0)
      expect(slow!.answeredAt).toBeGreaterThanOrEqual(slow!.receivedAt + 59)
      expect(slow!.answeredAt).toBeGreaterThanOrEqual(sentAt)
      await hanging
      const [hung] = await client.requestsFor('hung', 0)
      expect(hung).toMatchObject({ transactionId: 'hung', outcome: { kind: 'hang' } })
      expect(hung!.answeredAt).toBeUndefined()
    } finally {
      await control.close()
    }
  })

  it('never answers a hanging ping, and stop() ends it', async () => {
    stub.arrange('hang', { kind: 'hang' })
    const timedOut = await ping({ transaction_id: 'hang' }, { signal: AbortSignal.timeout(200) }).then(
      () => 'answered',
      () => 'no answer',
    )
    expect(timedOut).toBe('no answer')
    const pending = ping({ transaction_id: 'hang' }).then(
      () => 'answered',
      () => 'connection closed',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await stub.stop()
    expect(await pending).toBe('connection closed')
  })

  it("answers a ping on MSC2659's unstable appservice path as a ping, under the registration url's path too", async () => {
    stub.arrange('t-unstable', respondJson(403, { errcode: 'M_FORBIDDEN' }))
    const response = await ping({ transaction_id: 't-unstable' }, { path: '/base/_matrix/app/unstable/fi.mau.msc2659/ping' })
    expect(response.status).toBe(403)
    expect(stub.requestsFor('t-unstable')).toMatchObject([{ path: '/base/_matrix/app/unstable/fi.mau.msc2659/ping', correlated: true }])
  })

  it('acknowledges transactions and answers anything else 404 M_UNRECOGNIZED, without taking them for pings', async () => {
    const transaction = await ping({ events: [] }, { method: 'PUT', path: '/_matrix/app/v1/transactions/1' })
    expect([transaction.status, await transaction.text()]).toEqual([200, '{}'])
    const other = await ping({}, { path: '/_matrix/app/v1/users/@a:b' })
    expect(other.status).toBe(404)
    expect(await other.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED' })
    expect(stub.all()).toHaveLength(2)
    expect(stub.unclaimed()).toEqual([])
  })
})
