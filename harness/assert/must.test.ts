import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../clients/http-exchange.js'
import { CheckFailure } from './check-failure.js'
import { must } from './must.js'

const exchange: HttpExchange = {
  request: { method: 'POST', url: 'http://127.0.0.1:1/_matrix/client/v1/appservice/a/ping', headers: {}, bodyText: '{}' },
  response: { status: 500, headers: {}, bodyText: '{"errcode":"M_UNKNOWN"}', json: { errcode: 'M_UNKNOWN' }, truncated: false, invalidUtf8: false },
  startedAt: 0,
  endedAt: 3,
  durationMs: 3,
}

function failureOf(assertion: () => void): CheckFailure {
  try {
    assertion()
  } catch (error) {
    if (error instanceof CheckFailure) return error
    throw error
  }
  throw new Error('the assertion held')
}

/** Each failure says which of the target's hops went wrong, for the HTML report's diagram to mark. */
describe('must names the hop that went wrong', () => {
  it("a response match: the target's answer, in the exchange it names", () => {
    const failure = failureOf(() => must.matchResponse(exchange, { status: 502 }))
    expect([failure.hop, failure.exchange]).toEqual(['answer', exchange])
    expect(failureOf(() => must.matchEach([{ name: 'one', exchange, want: { status: 502 } }])).hop).toBe('answer')
  })

  it('what the stub received: the calls the homeserver made', () => {
    expect(failureOf(() => must.haveReceived([], 1, 'pings')).hop).toBe('call')
    expect(failureOf(() => must.haveReceivedSome([], 'pings')).hop).toBe('call')
  })

  it('a general condition: whichever it names, or none', () => {
    expect(failureOf(() => must.hold(false, 'wrong header', 'Bearer', 'Basic', undefined, 'call')).hop).toBe('call')
    expect(failureOf(() => must.hold(false, 'wrong', 'a', 'b')).hop).toBeUndefined()
  })
})
