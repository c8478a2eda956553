import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HomeserverClient } from './homeserver-client'

describe('HomeserverClient', () => {
  const seen: string[] = []
  const server = createServer((req, res) => {
    seen.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  let origin = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it.each([
    ['a bare origin', '', '/_matrix/client/v1/appservice/a%2Fb/ping'],
    ['a base path (.well-known base_url)', '/matrix', '/matrix/_matrix/client/v1/appservice/a%2Fb/ping'],
    ['a base path with a trailing slash', '/matrix/', '/matrix/_matrix/client/v1/appservice/a%2Fb/ping'],
  ])('keeps %s in front of every API path', async (_, basePath, want) => {
    seen.length = 0
    const client = new HomeserverClient(`${origin}${basePath}`, 5_000)
    await client.ping({ appserviceId: 'a/b', token: 't' })
    await client.get('/_matrix/client/versions')
    expect(seen).toEqual([want, `${basePath.replace(/\/$/, '')}/_matrix/client/versions`])
  })
})
