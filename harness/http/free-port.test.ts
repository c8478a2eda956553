import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePort } from './free-port.js'

describe('freePort', () => {
  it('gives a port that can be listened on at once', async () => {
    const port = await freePort()
    const server = createServer()
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
    await new Promise((resolve) => server.close(resolve))
  })

  it.runIf(process.platform === 'linux')(
    'picks below the ephemeral range, so no listen(0) or outgoing connection elsewhere is handed the same port',
    async () => {
      const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0])
      const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()))
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(10_000)
        expect(port).toBeLessThan(low)
      }
    },
  )
})
