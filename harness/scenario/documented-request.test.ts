import { describe, expect, it } from 'vitest'
import { isDocumentedRequest } from './documented-request.js'

const run = {
  appservices: {
    main: { id: 'main', url: 'http://127.0.0.1:9000', asToken: 'as-main', hsToken: 'hs-main' },
    noUrl: { id: 'no-url', url: null, asToken: 'as-no-url', hsToken: 'hs-no-url' },
    unreachable: { id: 'unreachable', url: 'http://127.0.0.2:1', asToken: 'as-unreachable', hsToken: 'hs-unreachable' },
  },
  userToken: 'user',
}
const request = (authorization: string | undefined, bodyText: string | undefined, method = 'POST') => ({
  method,
  url: 'http://hs/_matrix/client/v1/appservice/main/ping',
  headers: (authorization === undefined ? {} : { authorization }) as Record<string, string>,
  ...(bodyText === undefined ? {} : { bodyText }),
})

describe('isDocumentedRequest', () => {
  it.each([
    ['a valid ping', request('Bearer as-main', '{"transaction_id":"t"}'), true],
    ['no transaction_id', request('Bearer as-main', '{}'), true],
    ["another appservice's as_token", request('Bearer as-no-url', '{"transaction_id":"t"}'), true],
    ["the ordinary user's token", request('Bearer user', '{}'), true],
    ['no token', request(undefined, '{}'), false],
    ['an unknown token', request('Bearer as-mainx', '{}'), false],
    ['the hs_token', request('Bearer hs-main', '{}'), false],
    ['another scheme', request('Token as-main', '{}'), false],
    ['another spelling of Bearer', request('bearer as-main', '{}'), false],
    ['malformed JSON', request('Bearer as-main', '{"transaction_id":'), false],
    ['a body that is no object', request('Bearer as-main', '[]'), false],
    ['a transaction_id of another type', request('Bearer as-main', '{"transaction_id":5}'), false],
    ['an empty body', request('Bearer as-main', ''), false],
    ['another method', request('Bearer as-main', undefined, 'GET'), false],
  ])('%s: %s', (_, req, documented) => {
    expect(isDocumentedRequest(req, run)).toBe(documented)
  })
})
