import { describe, expect, it } from 'vitest'
import { AppserviceClient } from '../clients/appservice-client.js'
import { freePort } from '../http/free-port.js'
import { startJsonControlServer } from '../http/json-control-server.js'
import type { HomeserverSide } from '../mock-homeserver/homeserver-side.js'
import { MockControlClient } from '../mock-homeserver/mock-control-client.js'
import { mockControlRoutes } from '../mock-homeserver/mock-control-routes.js'
import type { PingRound, ProcessExit } from '../mock-homeserver/ping-round.js'
import { AppserviceCheckContext } from './appservice-check-context.js'

const ended: ProcessExit = { code: 16, signal: null, outputTail: 'giving up\n' }

/** Two fault rounds at once, neither ended when handed over; the second instance's exit lands after its round. */
function lateExitSide(asks: (number | undefined)[]): HomeserverSide {
  const round = (appserviceUrl: string): PingRound => ({ plan: 'bad-status', requests: [], appserviceUrl })
  return {
    firstPing: () => Promise.resolve({ unavailable: 'not used' }),
    pingUnder: () => Promise.resolve({ unavailable: 'not used' }),
    pingUnderEach: async () => ({ atOnce: [round(`http://127.0.0.1:${await freePort()}`), round(`http://127.0.0.1:${await freePort()}`)] }),
    exitAfterFailedLook: (index) => {
      asks.push(index)
      return Promise.resolve(index === 1 ? ended : undefined)
    },
  }
}

describe('AppserviceCheckContext.pingUnderEach', () => {
  it("asks how an instance that does not answer its look ended, by its round's index, over the control API too", async () => {
    const asks: (number | undefined)[] = []
    const control = await startJsonControlServer(mockControlRoutes(lateExitSide(asks)))
    const client = new AppserviceClient(`http://127.0.0.1:${await freePort()}`)
    try {
      const t = new AppserviceCheckContext(
        { runId: 'r', credentials: { hsToken: 'hs' }, client, homeserver: new MockControlClient(control.url), faultRoundMs: 1000 },
        'AS-CLIENT-SURVIVES-ERRORS',
      )
      const looks = await t.pingUnderEach(['bad-status', 'timeout'], (_round, stillUp) => stillUp())
      expect(looks.map((look) => [Boolean(look.exchange.response), look.exited])).toEqual([
        [false, undefined],
        [false, ended],
      ])
      expect(asks.sort()).toEqual([0, 1])
    } finally {
      await client.close()
      await control.close()
    }
  })
})
