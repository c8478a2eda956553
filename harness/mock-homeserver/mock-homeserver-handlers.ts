import { http, type HttpHandler } from 'msw'
import type { MockHomeserver } from './mock-homeserver.js'

/**
 * The mock homeserver as msw handlers: one array for both ways of running it, `setupServer` for an
 * in-process appservice and `@mswjs/http-middleware` on a loopback port for one in another process.
 *
 * @param origin the homeserver URL the appservice was given; '*' matches any (out of process, the
 *   server only ever receives homeserver traffic). In process it must be exact, or the suite's own
 *   requests to the appservice would be caught too.
 */
export function createMockHomeserverHandlers(mock: MockHomeserver, origin: string): HttpHandler[] {
  const base = origin === '*' ? '*' : origin.replace(/\/+$/, '')
  return [http.all(`${base}/_matrix/client/*`, ({ request }) => mock.handle(request))]
}
