import { connect } from 'node:net'

/**
 * Polls until something accepts TCP connections on host:port. Resolves false when `deadlineAt`
 * (Date.now() ms) passes or `givenUp()` says to stop (e.g. the process that should listen has exited).
 */
export async function waitForPort(host: string, port: number, deadlineAt: number, givenUp: () => boolean = () => false): Promise<boolean> {
  while (Date.now() < deadlineAt && !givenUp()) {
    if (await acceptsConnection(host, port)) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

/** Whether something accepts a TCP connection on host:port right now. */
export function acceptsConnection(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.setTimeout(1000, () => done(false))
  })
}
