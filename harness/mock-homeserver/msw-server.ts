/**
 * Your own msw server, as `setupServer()` returns it: what the mock homeserver needs of it is
 * `use()`. Typed by shape, not by msw's class, so a project's msw need not be the same copy's types.
 */
export interface MswServer {
  use(...handlers: never[]): void
}

/**
 * msw intercepts a process's requests through one set of global interceptors, and two servers in
 * one process do not compose (msw 2.15: the later `listen()` takes the interception over, and each
 * request is resolved twice): a server already listening is joined, never competed with.
 */
export function mswAlreadyListening(): boolean {
  return [Symbol.for('fetch-interceptor'), Symbol.for('client-request-interceptor')].some((symbol) => symbol in globalThis)
}
