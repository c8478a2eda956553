import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceSetup, type ReferenceSetup } from '../fixtures/reference-homeserver/reference-setup.js'
import { freePort } from '../harness/http/free-port.js'
import { startReferenceHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { main } from '../cli/main.js'
import { msc2659EraOptions } from '../fixtures/reference-homeserver/msc2659-era.js'

async function doctor(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(['doctor', ...args], { out: (t) => void (out += t), err: (t) => void (err += t) })
  return { code, out, err }
}

describe('doctor', () => {
  let setup: ReferenceSetup
  const flags = (s: ReferenceSetup) => ['--hs-url', s.homeserver.url, '--config', s.config.dir, '--hs-timeout-ms', '1000']

  beforeAll(async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
  })
  afterAll(() => setup?.close())

  it('passes a working set-up: reachable, versions, every as_token and the user token valid, the stub reached', async () => {
    const run = await doctor([...flags(setup), '--listen', `127.0.0.1:${setup.listen.port}`, '--user-token', setup.userToken])
    expect(run.code).toBe(0)
    expect(run.out).toContain('✓ reachable:')
    expect(run.out).toMatch(/✓ versions: advertises v1\.1, .*v1\.12; the run grades against v1\.12/)
    expect(run.out).toMatch(/✓ as_token of as-ping-conformance: valid \(whoami: @_asping_main_bot:reference\.test\)/)
    expect(run.out).toContain('✓ user token: valid (whoami: @alice:reference.test)')
    expect(run.out).toMatch(/✓ stub appservice: the homeserver reached the stub at http:\/\/127\.0\.0\.1:\d+\/? .*answered HTTP 200/)
    expect(run.out).not.toContain(setup.userToken)
    expect(run.out).not.toContain(setup.config.registrations.main.as_token)
  })

  it("on a homeserver advertising only fi.mau.msc2659, says the run grades MSC2659's unstable endpoints and probes the stub through them", async () => {
    const unstable = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...msc2659EraOptions })
    try {
      const run = await doctor([...flags(unstable), '--listen', `127.0.0.1:${unstable.listen.port}`])
      expect(run.code, run.out).toBe(0)
      expect(run.out).toMatch(
        /✓ versions: advertises v1\.1, .*v1\.6; the run grades against v1\.7; the homeserver advertises only fi\.mau\.msc2659 .*POST \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/\{appserviceId\}\/ping/,
      )
      expect(run.out).toMatch(/✓ stub appservice: the homeserver reached the stub at .*answered HTTP 200/)
    } finally {
      await unstable.close()
    }
  })

  it('turns each set-up mistake into an error with a one-line fix, exit 2', async () => {
    // The homeserver has loaded only the main registration, and the stub listens where the registration does not point.
    const partial = await startReferenceHomeserver({ appservices: [setup.config.registrations.main], appserviceTimeoutMs: 1_000 })
    try {
      const run = await doctor([
        '--hs-url',
        partial.url,
        '--config',
        setup.config.dir,
        '--hs-timeout-ms',
        '1000',
        '--listen',
        `127.0.0.1:${await freePort()}`,
        '--user-token',
        'syt_not_a_token',
      ])
      expect(run.code).toBe(2)
      expect(run.out).toMatch(
        /✗ as_token of as-ping-conformance-no-url: the homeserver does not accept it: HTTP 401 M_UNKNOWN_TOKEN\n {4}Fix: add .*as-ping-conformance-no-url\.yaml to the homeserver's appservice registrations/,
      )
      expect(run.out).toMatch(/✗ user token: the homeserver does not accept it: HTTP 401 M_UNKNOWN_TOKEN\n {4}Fix: /)
      expect(run.out).toMatch(
        /✗ stub appservice: the homeserver never connected to the stub at http:\/\/127\.0\.0\.1:\d+\/? \(the stub listens on 127\.0\.0\.1:\d+\); its ping answered HTTP 502 M_CONNECTION_FAILED\n {4}Fix: --listen 127\.0\.0\.1:\d+ is not the port of the registration's url/,
      )
      expect(run.out).toContain('Doctor found 4 problems (exit 2).')
      expect(run.out).not.toContain('syt_not_a_token')
    } finally {
      await partial.close()
    }
  })

  it('tells "connected but sent no request" apart (an https registration url in front of the plain-HTTP stub)', async () => {
    const tlsTalker = await startReferenceSetup({
      appserviceTimeoutMs: 1_000,
      behaviour: {
        // What a homeserver speaking TLS to a plain-HTTP stub amounts to: a connection, then no HTTP request.
        send: (outbound) =>
          new Promise((resolve) => {
            const url = new URL(outbound.url)
            const socket = connect(Number(url.port), url.hostname, () => socket.end())
            socket.on('close', () => resolve({ kind: 'connection-failed', reason: 'EPROTO' }))
            socket.on('error', () => undefined)
          }),
      },
    })
    try {
      const run = await doctor([...flags(tlsTalker), '--listen', `127.0.0.1:${tlsTalker.listen.port}`])
      expect(run.code).toBe(2)
      expect(run.out).toMatch(/✗ stub appservice: the homeserver connected to the stub at .* but sent no HTTP request.*\n {4}Fix: the stub speaks plain HTTP/)
    } finally {
      await tlsTalker.close()
    }
  })

  it('stops at an unreachable homeserver with the fix', async () => {
    const run = await doctor(['--hs-url', `http://127.0.0.1:${await freePort()}`, '--config', setup.config.dir])
    expect(run.code).toBe(2)
    expect(run.out).toMatch(/✗ homeserver: no answer from the homeserver at .*ECONNREFUSED.*\n {4}Fix: check --hs-url and that the homeserver is running/)
  })
})
