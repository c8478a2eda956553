import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../clients/http-exchange.js'
import type { RecordedRequest } from '../stub-appservice/recorded-request.js'
import { respondJson, type StubOutcome } from '../stub-appservice/stub-outcome.js'
import { answerInHandMarginMs, describeLateAnswer, timedOutBeforeStubAnswer } from './late-stub-answer.js'

const hsTimeoutMs = 1500
const startedAt = 1_000_000
/** The last moment a stub answer still counts as in the homeserver's hands before its timeout. */
const inHandBy = startedAt + hsTimeoutMs - answerInHandMarginMs

function answered(status: number, json: unknown, durationMs = 3400): HttpExchange {
  const bodyText = JSON.stringify(json)
  return {
    request: { method: 'POST', url: 'http://hs/_matrix/client/v1/appservice/a/ping', headers: {} },
    response: { status, headers: {}, bodyText, json, truncated: false, invalidUtf8: false },
    startedAt,
    endedAt: startedAt + durationMs,
    durationMs,
  }
}

const timeout = answered(504, { errcode: 'M_CONNECTION_TIMEOUT', error: 'timed out' })
const ok = respondJson(200, {}, 50)

function call(outcome: StubOutcome, receivedAt: number, answeredAt?: number): RecordedRequest {
  return {
    method: 'POST',
    path: '/_matrix/app/v1/ping',
    query: {},
    headers: {},
    bodyText: '{}',
    hasTransactionId: true,
    transactionId: 't',
    receivedAt,
    ...(answeredAt === undefined ? {} : { answeredAt }),
    outcome,
    correlated: true,
  }
}

describe('timedOutBeforeStubAnswer', () => {
  it('excuses a timeout the stub could not have beaten: a call not answered yet, or answered at or after the timeout less the margin', () => {
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 3000)] }, hsTimeoutMs)).toBe(true)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 10, inHandBy)] }, hsTimeoutMs)).toBe(true)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 3000, startedAt + 3050)] }, hsTimeoutMs)).toBe(true)
    const unstable = answered(504, { errcode: 'FI.MAU.MSC2659_CONNECTION_TIMEOUT' })
    expect(timedOutBeforeStubAnswer({ exchange: unstable, outcome: ok, callbacks: [call(ok, startedAt + 3000)] }, hsTimeoutMs)).toBe(true)
    const justWaitedOut = answered(504, { errcode: 'M_CONNECTION_TIMEOUT' }, hsTimeoutMs - answerInHandMarginMs)
    expect(timedOutBeforeStubAnswer({ exchange: justWaitedOut, outcome: ok, callbacks: [call(ok, startedAt + 1450)] }, hsTimeoutMs)).toBe(true)
  })

  it('grades a timeout the homeserver did not wait out (a shed ping), or with no call to the stub at all (a dropped one), whenever the stub acted', () => {
    const shed = answered(504, { errcode: 'M_CONNECTION_TIMEOUT' }, 30)
    expect(timedOutBeforeStubAnswer({ exchange: shed, outcome: ok, callbacks: [] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: shed, outcome: ok, callbacks: [call(ok, startedAt + 10)] }, hsTimeoutMs)).toBe(false)
    const early = answered(504, { errcode: 'M_CONNECTION_TIMEOUT' }, hsTimeoutMs - answerInHandMarginMs - 1)
    expect(timedOutBeforeStubAnswer({ exchange: early, outcome: ok, callbacks: [call(ok, startedAt + 3000)] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [] }, hsTimeoutMs)).toBe(false)
  })

  it('grades a timeout with the answer in hand: the stub answered (or reset) well before the timeout could run out', () => {
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 10, inHandBy - 1)] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 10, startedAt + 60)] }, hsTimeoutMs)).toBe(false)
    const reset: StubOutcome = { kind: 'reset' }
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: reset, callbacks: [call(reset, startedAt + 20)] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: reset, callbacks: [call(reset, startedAt + 3200)] }, hsTimeoutMs)).toBe(true)
  })

  it('leaves alone what is no timeout answer, and a hanging outcome, whose timeout is its due', () => {
    expect(timedOutBeforeStubAnswer({ exchange: answered(502, { errcode: 'M_CONNECTION_FAILED' }), outcome: ok, callbacks: [] }, hsTimeoutMs)).toBe(false)
    const notA504 = answered(502, { errcode: 'M_CONNECTION_TIMEOUT' })
    expect(timedOutBeforeStubAnswer({ exchange: notA504, outcome: ok, callbacks: [call(ok, startedAt + 3000)] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: answered(200, { duration_ms: 3 }), outcome: ok, callbacks: [] }, hsTimeoutMs)).toBe(false)
    expect(timedOutBeforeStubAnswer({ exchange: timeout, outcome: { kind: 'hang' }, callbacks: [call({ kind: 'hang' }, startedAt + 5)] }, hsTimeoutMs)).toBe(
      false,
    )
  })
})

describe('describeLateAnswer', () => {
  it('says when the homeserver answered and when the stub did, from the send', () => {
    expect(describeLateAnswer('t', { exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 3000, startedAt + 3580.4)] })).toBe(
      'ping t got its timeout answer after 3400 ms, the stub answered at +3580 ms',
    )
    expect(describeLateAnswer('t', { exchange: timeout, outcome: ok, callbacks: [call(ok, startedAt + 3000)] })).toBe(
      'ping t got its timeout answer after 3400 ms, the stub had not answered yet',
    )
    const reset: StubOutcome = { kind: 'reset' }
    expect(describeLateAnswer('t', { exchange: timeout, outcome: reset, callbacks: [call(reset, startedAt + 3216)] })).toBe(
      'ping t got its timeout answer after 3400 ms, the stub reset it at +3216 ms',
    )
  })
})
