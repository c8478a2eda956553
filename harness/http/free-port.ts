import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** Below this, ports are the well-known and registered services' (and may need privileges). */
const lowestPort = 10_000
/** Linux's default ephemeral range; macOS and Windows use 49152–65535, above it. */
const fallbackEphemeralLow = 32_768
const attempts = 50

/**
 * A loopback port nothing listens on right now (whoever needs it takes it moments later). It is
 * picked at random below the kernel's ephemeral range: the ports `listen(0)` and outgoing
 * connections get come from that range, so no other process on the machine is handed this one
 * in the moments before it is taken, and a connection to it can never connect to itself.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const below = ephemeralRangeLow()
  for (let i = 0; i < attempts && below > lowestPort; i++) {
    const port = await tryListen(host, randomInt(lowestPort, below))
    if (port !== undefined) return port
  }
  // No room below the ephemeral range (or all of it taken): the kernel's pick.
  const port = await tryListen(host, 0)
  if (port === undefined) throw new Error(`[harness] no free port on ${host}`)
  return port
}

/** The lowest ephemeral port, from /proc where there is one. */
function ephemeralRangeLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
    return Number.isInteger(low) && low > 0 ? low : fallbackEphemeralLow
  } catch {
    return fallbackEphemeralLow
  }
}

/** Binds and at once releases host:port; the port bound, or undefined when it is taken. */
async function tryListen(host: string, port: number): Promise<number | undefined> {
  const server = createServer()
  const bound = await new Promise<boolean>((resolve) => server.once('error', () => resolve(false)).listen(port, host, () => resolve(true)))
  if (!bound) return undefined
  const address = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return address.port
}
