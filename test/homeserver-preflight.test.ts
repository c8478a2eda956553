import { afterEach, describe, expect, it } from 'vitest'
import { brokenHomeservers } from '../fixtures/broken-homeservers'
import { startReferenceSetup, type ReferenceSetup } from '../fixtures/reference-homeserver/reference-setup'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice'
import { UsageError } from '../harness/usage-error'
import { preflightHomeserver } from '../runner/homeserver-preflight'

/** The preflight as the runner makes it: the run's stub where the registration points, then whoami and one probe ping. */
async function preflightAgainst(setup: ReferenceSetup, listenPort = setup.listen.port) {
  const stub = new StubAppservice()
  await stub.start('127.0.0.1', listenPort)
  try {
    return await preflightHomeserver(stub, { hsUrl: setup.homeserver.url, config: setup.config, listen: { host: '127.0.0.1', port: listenPort }, hsTimeoutMs: 1_000, requestDeadlineMs: 5_000, userToken: setup.userToken })
  } finally {
    await stub.stop()
  }
}

const variant = (name: string) => brokenHomeservers.find((v) => v.name === name)!.options

describe('homeserver preflight: set-up faults stop the run, the target\'s own faults are findings for the checks', () => {
  let setup: ReferenceSetup | undefined
  afterEach(async () => {
    await setup?.close()
    setup = undefined
  })

  it('finds nothing on the reference', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
    expect(await preflightAgainst(setup)).toBeUndefined()
  })

  it('a missing endpoint is the target\'s fault, owned by HS-PING-OK', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...variant('no-ping-endpoint') })
    expect(await preflightAgainst(setup)).toEqual({ owner: 'HS-PING-OK', fault: expect.stringMatching(/^the homeserver has no ping endpoint: POST \/_matrix\/client\/v1\/appservice\/.+\/ping answered HTTP 404 M_UNRECOGNIZED/) })
  })

  it('a 200 without any call is the target\'s fault, owned by HS-PING-FORWARDED-ONCE', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...variant('answers-without-calling') })
    expect(await preflightAgainst(setup)).toMatchObject({ owner: 'HS-PING-FORWARDED-ONCE' })
  })

  it('a stub the homeserver cannot reach is a set-up fault, with the --listen mismatch as the fix', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
    const error = await preflightAgainst(setup, setup.listen.port + 1).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toMatch(/never reached the stub appservice .*HTTP 502 M_CONNECTION_FAILED/)
    expect((error as UsageError).remedy).toMatch(/is not the port of the registration's url/)
  })
})
