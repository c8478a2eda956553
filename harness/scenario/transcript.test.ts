import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../clients/http-exchange.js'
import { HomeserverClient } from '../clients/homeserver-client.js'
import { createRedactor } from '../redact.js'
import { curlFor, stubAppservice, transcribe } from './transcript.js'

const asToken = { label: 'as_token', value: 'as_secret_value', envVar: 'AS_TOKEN' }
const redactor = createRedactor([asToken])

/** An exchange as the homeserver client makes it against `baseUrl` (the request only: no server needed). */
function exchangeAgainst(baseUrl: string): HttpExchange {
  const url = `${baseUrl.replace(/\/+$/, '')}${new HomeserverClient(baseUrl).pingPath('as-ping-conformance')}`
  return {
    request: {
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${asToken.value}`, 'content-type': 'application/json' },
      bodyText: `{"transaction_id":"it's"}`,
    },
    response: { status: 200, headers: {}, bodyText: '{}', json: {}, truncated: false, invalidUtf8: false },
    startedAt: 0,
    endedAt: 1,
    durationMs: 1,
  }
}

describe('curlFor', () => {
  it('spells out only what the suite added to the base URL, so a base path is not repeated', () => {
    for (const base of ['https://example.org/matrix', 'https://example.org/matrix/']) {
      expect(curlFor(exchangeAgainst(base), 'HS_URL', base)).toMatch(
        /^curl -sS -X POST "\$HS_URL\/_matrix\/client\/v1\/appservice\/as-ping-conformance\/ping" /,
      )
    }
    expect(curlFor(exchangeAgainst('http://127.0.0.1:8008'), 'HS_URL', 'http://127.0.0.1:8008')).toContain('"$HS_URL/_matrix/client/v1/')
  })

  it('quotes the body for the shell', () => {
    expect(curlFor(exchangeAgainst('http://hs'), 'HS_URL', 'http://hs')).toContain(`-d '{"transaction_id":"it'\\''s"}'`)
  })
})

describe('transcribe', () => {
  it('offers a curl reading the token from the environment, never the token', () => {
    const entry = transcribe(exchangeAgainst('https://example.org/matrix'), [], redactor, { baseUrl: 'https://example.org/matrix' })
    expect(entry.curl).toContain('-H "Authorization: Bearer $AS_TOKEN"')
    expect(JSON.stringify(entry)).not.toContain(asToken.value)
    expect(entry.needs).toBeUndefined()
  })

  it('says what an exchange needs instead of a curl that cannot reproduce it', () => {
    const entry = transcribe(exchangeAgainst('http://hs'), [], redactor, { baseUrl: 'http://hs', needs: stubAppservice })
    expect(entry).toMatchObject({ curl: '', needs: 'the stub appservice' })
  })
})
