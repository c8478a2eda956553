import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../../runner/check-result.js'
import { sampleFailure, sampleResult, sampleSecondExchangeFailure } from '../../test/support/sample-report.js'
import { sequenceDiagram } from './sequence-diagram.js'

/** Each hop the SVG draws, in order: its step, its ends (lifeline indexes), whether it is the marked one and whether it arrived. */
function hops(svg: string): { step: string; from: number; to: number; marked: boolean; missing: boolean }[] {
  return [...svg.matchAll(/<g class="([^"]*)" data-hop="\d+" data-step="([^"]+)" data-from="(\d)" data-to="(\d)" data-marked="(true|false)">/g)].map((m) => ({
    step: m[2]!,
    from: Number(m[3]),
    to: Number(m[4]),
    marked: m[5] === 'true',
    missing: m[1]!.split(' ').includes('missing'),
  }))
}

/** The expected/actual note's lines joined, and where its box starts. */
function besideNote(svg: string): { text: string; top: number } {
  const group = /<g class="beside"[^>]*>(.*?)<\/g>/s.exec(svg)![1]!
  const lines = [...group.replace(/<title>.*?<\/title>/s, '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!)
  return { text: lines.join(' '), top: Number(/<rect x="\d+" y="(\d+)"/.exec(group)![1]) }
}

function lifelines(svg: string): string[] {
  return [...svg.matchAll(/data-lifeline="([^"]+)"/g)].map((m) => m[1]!)
}

/** The seed's "Can't connect": the homeserver never reached the appservice and answered by itself. */
function connectionRefused(): CheckResult {
  return sampleResult('HS-PING-CONNECTION-REFUSED', 'fail', {
    failure: {
      mismatches: ['status got 500 want 502'],
      expected: 'HTTP 502, errcode "M_CONNECTION_FAILED"',
      actual: 'HTTP 500 {"errcode":"M_UNKNOWN"}',
      exchangeIndex: 0,
    },
    transcript: [
      {
        sent: '→ POST /_matrix/client/v1/appservice/unreachable/ping  Authorization: Bearer <unreachable_as_token#a98113>  {"transaction_id":"t1"}',
        callbacks: [],
        received: '← 500 after 141 ms  {"errcode":"M_UNKNOWN","error":"Connection to the application service failed: ECONNREFUSED"}',
        curl: '',
      },
    ],
  })
}

describe('sequence diagram of a failure', () => {
  it('draws a homeserver exchange as the spec does: AS → HS, HS → AS (stub), its answer, HS → AS; the graded answer marked', () => {
    const svg = sequenceDiagram(sampleFailure(), 'homeserver')
    expect(svg.startsWith('<svg ')).toBe(true)
    expect(lifelines(svg)).toEqual(['AS (suite)', 'HS (target)', 'AS (stub)'])
    expect(hops(svg)).toEqual([
      { step: 'request', from: 0, to: 1, marked: false, missing: false },
      { step: 'call-out', from: 1, to: 2, marked: false, missing: false },
      { step: 'call-out-answer', from: 2, to: 1, marked: false, missing: false },
      { step: 'answer', from: 1, to: 0, marked: true, missing: false },
    ])
    expect(svg).toContain('>500 after 4 ms<')
    // Expected vs actual beside the marked hop: level with its arrow, in words.
    const beside = besideNote(svg)
    expect(beside.text).toBe(
      'this hop went wrong expected: HTTP 502, errcode &quot;M_BAD_STATUS&quot; actual: HTTP 500 {&quot;errcode&quot;:&quot;M_UNKNOWN &quot;}',
    )
    const arrowY = Number(/data-marked="true">.*?<line class="arrow" x1="\d+" y1="(\d+)"/.exec(svg)![1])
    expect(beside.top).toBeLessThanOrEqual(arrowY)
    expect(beside.top).toBeGreaterThan(arrowY - 48)
  })

  it('draws the call that never arrived struck through, as the spec\'s "Can\'t connect" does', () => {
    const svg = sequenceDiagram(connectionRefused(), 'homeserver')
    expect(hops(svg)).toEqual([
      { step: 'request', from: 0, to: 1, marked: false, missing: false },
      { step: 'call-out', from: 1, to: 2, marked: false, missing: true },
      { step: 'answer', from: 1, to: 0, marked: true, missing: false },
    ])
    expect(svg).toContain('class="strike"')
  })

  it('marks the missing call when the check named no exchange and no call arrived', () => {
    const result = connectionRefused()
    result.failure = { mismatches: ['the stub appservice received no POST /_matrix/app/v1/ping'], expected: 'POST /_matrix/app/v1/ping', actual: 'nothing' }
    expect(hops(sequenceDiagram(result, 'homeserver')).map((h) => h.marked)).toEqual([false, true, false])
  })

  it('marks nothing when the check named no exchange and calls arrived (it may have graded either), and says so', () => {
    const result = sampleFailure()
    delete result.failure!.exchangeIndex
    const svg = sequenceDiagram(result, 'homeserver')
    expect(hops(svg).some((h) => h.marked)).toBe(false)
    expect(svg).toContain('the check did not say which hop')
  })

  it('marks the hop the check says went wrong: the call out the stub saw, when it graded the calls', () => {
    const result = sampleFailure()
    result.failure = {
      mismatches: ['Authorization is not Bearer <hs_token>'],
      expected: 'Authorization: Bearer <hs_token>',
      actual: 'Authorization: Bearer <as_token#29a37b>',
      hop: 'call',
    }
    expect(hops(sequenceDiagram(result, 'homeserver')).map((h) => (h.marked ? h.step : ''))).toEqual(['', 'call-out', '', ''])
    result.failure.hop = 'answer'
    expect(hops(sequenceDiagram(result, 'homeserver')).map((h) => (h.marked ? h.step : ''))).toEqual(['', '', '', 'answer'])
  })

  it('draws the exchange the check named, not its first (passing) one', () => {
    const svg = sequenceDiagram(sampleSecondExchangeFailure(), 'homeserver')
    expect(svg).toContain('>PUT /_matrix/client/v1/appservice')
    expect(svg).not.toContain('GET /_matrix')
  })

  it('draws every exchange in order, marking none, when the check made several without naming one', () => {
    const result = sampleSecondExchangeFailure()
    delete result.failure!.exchangeIndex
    const svg = sequenceDiagram(result, 'homeserver')
    expect(hops(svg).map((h) => h.step)).toEqual(['request', 'call-out', 'answer', 'request', 'call-out', 'answer'])
    expect(hops(svg).some((h) => h.marked)).toBe(false)
    expect(svg.indexOf('>GET /_matrix')).toBeLessThan(svg.indexOf('>PUT /_matrix'))
    expect(svg).toContain('the check did not say which hop')
  })

  it('draws the first six of many unnamed exchanges and says how many more there are', () => {
    const result = sampleSecondExchangeFailure()
    delete result.failure!.exchangeIndex
    result.transcript = Array.from({ length: 8 }, () => result.transcript![0]!)
    const svg = sequenceDiagram(result, 'homeserver')
    expect(hops(svg).filter((h) => h.step === 'request')).toHaveLength(6)
    expect(svg).toContain('… and 2 more exchanges (all of them are listed below)')
  })

  it('draws an appservice ping as HS (mock) → AS and back, the appservice answer marked', () => {
    const result = sampleResult('AS-PING-OK', 'fail', {
      failure: { mismatches: ['status got 404 want 200'], expected: 'HTTP 200 and a JSON object', actual: 'HTTP 404 {"errcode":"M_UNRECOGNIZED"}' },
      transcript: [
        {
          sent: '→ POST /_matrix/app/v1/ping  Authorization: Bearer <hs_token#946864>  {"transaction_id":"t1"}',
          callbacks: [],
          received: '← 404 after 42 ms  {"errcode":"M_UNRECOGNIZED"}',
          curl: '',
        },
      ],
    })
    const svg = sequenceDiagram(result, 'appservice')
    expect(lifelines(svg)).toEqual(['AS (target)', 'HS (mock)'])
    expect(hops(svg)).toEqual([
      { step: 'request', from: 1, to: 0, marked: false, missing: false },
      { step: 'answer', from: 0, to: 1, marked: true, missing: false },
    ])
  })

  it("draws an appservice's own ping: AS → HS (mock), the answer, the mock's ping back and the appservice's answer", () => {
    const result = sampleResult('AS-CLIENT-PING-BACK', 'fail', {
      failure: { mismatches: ['status got 404 want 200'], expected: 'HTTP 200', actual: 'HTTP 404' },
      transcript: [
        {
          sent: "(the appservice's own ping; the homeserver answers it normally)",
          callbacks: [
            '⇠ the appservice sent POST /_matrix/client/v1/appservice/as%2F1/ping  Authorization: Bearer <as_token#962885>  {"transaction_id":"t1"}  → homeserver answered 502 {"errcode":"M_BAD_STATUS"}',
            '⇢ the homeserver pinged the appservice back: POST /_matrix/app/v1/ping  Authorization: Bearer <hs_token#946864>  {"transaction_id":"t1"}  ← 404 after 20 ms  {"errcode":"M_UNRECOGNIZED"}',
            'the appservice process: ended by itself (exit code 1)',
          ],
          received: '',
          curl: '',
          needs: 'the mock homeserver',
        },
      ],
    })
    const svg = sequenceDiagram(result, 'appservice')
    expect(hops(svg).map(({ step, from, to }) => ({ step, from, to }))).toEqual([
      { step: 'request', from: 0, to: 1 },
      { step: 'answer', from: 1, to: 0 },
      { step: 'call-out', from: 1, to: 0 },
      { step: 'call-out-answer', from: 0, to: 1 },
    ])
    // The check names none of the round's hops: several are the appservice's, so none is marked.
    expect(hops(svg).some((h) => h.marked)).toBe(false)
    // When it says its answer to the ping back went wrong, that is the one; when its own ping did, that one.
    result.failure!.hop = 'answer'
    expect(hops(sequenceDiagram(result, 'appservice')).map((h) => (h.marked ? h.step : ''))).toEqual(['', '', '', 'call-out-answer'])
    result.failure!.hop = 'call'
    expect(hops(sequenceDiagram(result, 'appservice')).map((h) => (h.marked ? h.step : ''))).toEqual(['request', '', '', ''])
    expect(svg).toContain('>502<')
    expect(svg).toContain('>404 after 20 ms<')
    // Lines that are no hop are kept as notes.
    expect(svg).toContain('class="note"')
    expect(svg).toContain('the appservice process: ended by itself (exit code 1)')
  })

  it('escapes everything it shows and shows tokens only as the report redacted them', () => {
    const result = sampleFailure()
    result.transcript![0]!.received = '← 500 after 4 ms  <script>alert("x")</script> & \'quoted\''
    result.failure!.actual = '<img src=x onerror=alert(1)>'
    const svg = sequenceDiagram(result, 'homeserver')
    expect(svg).not.toMatch(/<(script|img)/)
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;')
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(svg).toContain('&lt;as_token#29a37b&gt;')
    expect(svg).not.toContain('<as_token#')
  })
})
