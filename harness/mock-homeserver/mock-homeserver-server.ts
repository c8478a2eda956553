import { createServer } from '@mswjs/http-middleware'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { systemError } from '../system-error.js'
import { UsageError } from '../usage-error.js'
import type { MockHomeserver } from './mock-homeserver.js'
import { createMockHomeserverHandlers } from './mock-homeserver-handlers.js'

/** A mock homeserver served on a loopback port: its base URL, and how to stop serving it. */
export interface ServedMockHomeserver {
  url: string
  close(): Promise<void>
}

/** Serves the mock's msw handlers through @mswjs/http-middleware on host:port (0: a free one). */
export async function serveMockHomeserver(mock: MockHomeserver, host: string, port: number): Promise<ServedMockHomeserver> {
  // http-middleware's types are CommonJS and see msw's CommonJS typings; ours are msw's ESM ones,
  // the same classes declared twice, so TypeScript under NodeNext holds them apart.
  const handlers = createMockHomeserverHandlers(mock, '*') as unknown as Parameters<typeof createServer>
  const server: Server = createServer(...handlers).listen(port, host)
  server.prependListener('request', dropNetworkErrors)
  await new Promise<void>((resolve, reject) =>
    server
      .once('listening', resolve)
      .once('error', (error: Error) =>
        reject(new UsageError(`the mock homeserver cannot listen on ${host}:${port}: ${systemError(error).brief}`, 'pass --hs-listen with a free HOST:PORT')),
      ),
  )
  const address = server.address() as { port: number }
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * msw's `HttpResponse.error()` (the mock "not there": a ping in a round armed `unreachable`, from
 * an appservice that ignored the closed port it was given) reaches http-middleware as status 0,
 * which Node refuses to send: the connection is dropped instead, as a missing homeserver's would be.
 */
function dropNetworkErrors(_request: IncomingMessage, response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse
  response.writeHead = (...args: unknown[]) => {
    if (args[0] !== 0) return writeHead(...args)
    response.socket?.destroy()
    return response
  }
}
