import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../clients/http-exchange.js'
import { CheckFailure } from './check-failure.js'
import { describeExpectation, must, onlyUnstableErrcodes, responseMismatches } from './must.js'

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

describe("MSC2659's unstable errcode spellings, decided by the exchange's own URL", () => {
  const answered = (path: string, errcode: string): HttpExchange => ({
    ...exchange,
    request: { ...exchange.request, url: `http://127.0.0.1:1/matrix${path}?access_token=x` },
    response: { ...exchange.response!, status: 502, json: { errcode } },
  })
  const unstable = '/_matrix/client/unstable/fi.mau.msc2659/appservice/a/ping'
  const stable = '/_matrix/client/v1/appservice/a/ping'

  it('on the unstable path FI.MAU.MSC2659_BAD_STATUS is M_BAD_STATUS; on the v1 path it is not', () => {
    const want = { status: 502, errcode: 'M_BAD_STATUS' }
    expect(responseMismatches(answered(unstable, 'FI.MAU.MSC2659_BAD_STATUS'), want)).toEqual([])
    expect(responseMismatches(answered(unstable, 'M_BAD_STATUS'), want)).toEqual([])
    expect(responseMismatches(answered(stable, 'FI.MAU.MSC2659_BAD_STATUS'), want)).toEqual([
      `errcode got "FI.MAU.MSC2659_BAD_STATUS" want "M_BAD_STATUS" (MSC2659's unstable spelling, allowed on its unstable paths only)`,
    ])
    expect(responseMismatches(answered(unstable, 'FI.MAU.MSC2659_CONNECTION_FAILED'), want)).toEqual([
      'errcode got "FI.MAU.MSC2659_CONNECTION_FAILED" want "M_BAD_STATUS" or "FI.MAU.MSC2659_BAD_STATUS"',
    ])
  })

  it('only for the four errcodes MSC2659 introduced, in every answer an AnyOf allows', () => {
    expect(responseMismatches(answered(unstable, 'FI.MAU.MSC2659_FORBIDDEN'), { status: 502, errcode: 'M_FORBIDDEN' })).toEqual([
      'errcode got "FI.MAU.MSC2659_FORBIDDEN" want "M_FORBIDDEN"',
    ])
    const anyOf = [
      { status: 200, json: [] },
      { status: 502, errcode: 'M_CONNECTION_FAILED' },
    ]
    expect(responseMismatches(answered(unstable, 'FI.MAU.MSC2659_CONNECTION_FAILED'), anyOf)).toEqual([])
    expect(describeExpectation(anyOf, 'unstable')).toBe('HTTP 200 or HTTP 502, errcode "M_CONNECTION_FAILED" or "FI.MAU.MSC2659_CONNECTION_FAILED"')
    const failure = failureOf(() => must.matchResponse(answered(unstable, 'M_UNKNOWN'), { status: 504, errcode: 'M_CONNECTION_TIMEOUT' }))
    expect(failure.expected).toBe('HTTP 504, errcode "M_CONNECTION_TIMEOUT" or "FI.MAU.MSC2659_CONNECTION_TIMEOUT"')
  })
})

/** One root cause, one failure: the flag lets HS-PING-BAD-STATUS own every check's failure on it (harness/scenario/unstable-errcode-spelling.ts). */
describe("a failure whose only fault is MSC2659's unstable errcode spelling on the v1 path is flagged", () => {
  const answered = (path: string, status: number, errcode: string): HttpExchange => ({
    ...exchange,
    request: { ...exchange.request, url: `http://127.0.0.1:1${path}` },
    response: { ...exchange.response!, status, json: { errcode, error: 'x' } },
  })
  const v1 = '/_matrix/client/v1/appservice/a/ping'
  const failed = { status: 502, errcode: 'M_CONNECTION_FAILED' }

  it('flags the unstable spelling of the very errcode expected, and nothing else', () => {
    expect(failureOf(() => must.matchResponse(answered(v1, 502, 'FI.MAU.MSC2659_CONNECTION_FAILED'), failed)).onlyUnstableErrcodes).toBe(true)
    // Another errcode, another status besides the spelling, or no unstable spelling at all: a fault of its own.
    expect(failureOf(() => must.matchResponse(answered(v1, 502, 'FI.MAU.MSC2659_BAD_STATUS'), failed)).onlyUnstableErrcodes).toBe(false)
    expect(failureOf(() => must.matchResponse(answered(v1, 500, 'FI.MAU.MSC2659_CONNECTION_FAILED'), failed)).onlyUnstableErrcodes).toBe(false)
    expect(failureOf(() => must.matchResponse(answered(v1, 502, 'M_UNKNOWN'), failed)).onlyUnstableErrcodes).toBe(false)
    expect(failureOf(() => must.hold(false, 'wrong', 'a', 'b')).onlyUnstableErrcodes).toBe(false)
  })

  it('reads an errcode a JSON matcher demands the same way, and any answer of an AnyOf', () => {
    const keyed = { status: 400, json: [(json: unknown) => ((json as { errcode?: unknown }).errcode === 'M_URL_NOT_SET' ? undefined : 'errcode')] }
    expect(onlyUnstableErrcodes(answered(v1, 400, 'FI.MAU.MSC2659_URL_NOT_SET'), keyed)).toBe(true)
    const anyOf = [{ status: 200 }, { status: 502, errcode: 'M_BAD_STATUS' }, failed]
    expect(onlyUnstableErrcodes(answered(v1, 502, 'FI.MAU.MSC2659_BAD_STATUS'), anyOf)).toBe(true)
    // On the unstable path the spelling matches in the first place: nothing failed, nothing to flag.
    expect(onlyUnstableErrcodes(answered('/_matrix/client/unstable/fi.mau.msc2659/appservice/a/ping', 502, 'FI.MAU.MSC2659_CONNECTION_FAILED'), failed)).toBe(
      false,
    )
  })

  it('flags several cases only when every failing one is such', () => {
    const spelt = { name: 'spelt', exchange: answered(v1, 502, 'FI.MAU.MSC2659_CONNECTION_FAILED'), want: failed }
    const passing = { name: 'passing', exchange: answered(v1, 502, 'M_CONNECTION_FAILED'), want: failed }
    const own = { name: 'own', exchange: answered(v1, 500, 'M_UNKNOWN'), want: failed }
    expect(failureOf(() => must.matchEach([spelt, passing, spelt])).onlyUnstableErrcodes).toBe(true)
    expect(failureOf(() => must.matchEach([spelt, own])).onlyUnstableErrcodes).toBe(false)
  })
})
