import { afterEach, describe, expect, it } from 'vitest'
import { brokenHomeservers } from '../fixtures/broken-homeservers/index.js'
import { startReferenceSetup, type ReferenceSetup } from '../fixtures/reference-homeserver/reference-setup.js'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { UsageError } from '../harness/usage-error.js'
import { applyFinding, preflightHomeserver } from '../runner/homeserver-preflight.js'
import type { CheckResult } from '../runner/check-result.js'
import { referencePingBehaviour } from '../fixtures/reference-homeserver/ping-behaviour.js'
import { msc2659EraOptions } from '../fixtures/reference-homeserver/msc2659-era.js'
import type { PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { probeHomeserver } from '../cli/preflight.js'

/** The preflight as the runner makes it: the run's stub where the registration points, then whoami and one probe ping. */
async function preflightAgainst(setup: ReferenceSetup, listenPort = setup.listen.port, dialect: PingDialect = 'stable') {
  const stub = new StubAppservice()
  await stub.start('127.0.0.1', listenPort)
  try {
    return await preflightHomeserver(stub, {
      hsUrl: setup.homeserver.url,
      config: setup.config,
      listen: { host: '127.0.0.1', port: listenPort },
      hsTimeoutMs: 1_000,
      requestDeadlineMs: 5_000,
      userToken: setup.userToken,
      dialect,
    })
  } finally {
    await stub.stop()
  }
}

const variant = (name: string) => brokenHomeservers.find((v) => v.name === name)!.options

describe("homeserver preflight: set-up faults stop the run, the target's own faults are findings for the checks", () => {
  let setup: ReferenceSetup | undefined
  afterEach(async () => {
    await setup?.close()
    setup = undefined
  })

  it('finds nothing on the reference', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
    expect(await preflightAgainst(setup)).toBeUndefined()
  })

  it("a missing endpoint is the target's fault, owned by HS-PING-OK", async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...variant('no-ping-endpoint') })
    expect(await preflightAgainst(setup)).toEqual({
      owner: 'HS-PING-OK',
      affects: 'every check',
      fault: expect.stringMatching(/^the homeserver has no ping endpoint: POST \/_matrix\/client\/v1\/appservice\/.+\/ping answered HTTP 404 M_UNRECOGNIZED/),
    })
  })

  it("a 200 without any call is the target's fault, owned by HS-PING-FORWARDED-ONCE", async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...variant('answers-without-calling') })
    expect(await preflightAgainst(setup)).toMatchObject({ owner: 'HS-PING-FORWARDED-ONCE', affects: 'stub checks' })
  })

  it('a homeserver that answers first and calls just after did reach the stub: no finding (HS-PING-FORWARDED-ONCE grades the order)', async () => {
    setup = await startReferenceSetup({
      appserviceTimeoutMs: 1_000,
      behaviour: {
        send: async (outbound, timeoutMs) => {
          setTimeout(() => void referencePingBehaviour.send(outbound, timeoutMs), 100)
          return { kind: 'answered', status: 200, bodyText: '{}', durationMs: 0 }
        },
      },
    })
    expect(await preflightAgainst(setup)).toBeUndefined()
  })

  it('a 404 that is no Matrix error is a proxy in front of the homeserver, a set-up fault', async () => {
    setup = await startReferenceSetup({
      appserviceTimeoutMs: 1_000,
      routes: { ping: async () => ({ status: 404, body: 'Not Found' as unknown as Record<string, unknown> }) },
    })
    const error = await preflightAgainst(setup).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toMatch(/answered HTTP 404 with no Matrix error .*does not pass the ping path on/)
  })

  it('a stub the homeserver cannot reach is a set-up fault, with the --listen mismatch as the fix', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000 })
    const error = await preflightAgainst(setup, setup.listen.port + 1).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toMatch(/never reached the stub appservice .*HTTP 502 M_CONNECTION_FAILED/)
    expect((error as UsageError).remedy).toMatch(/is not the port of the registration's url/)
  })
})

describe("a homeserver that advertises only MSC2659's unstable flag is graded on the unstable paths, not refused", () => {
  let setup: ReferenceSetup | undefined
  afterEach(async () => {
    await setup?.close()
    setup = undefined
  })

  it('reads /versions: only fi.mau.msc2659 → the unstable dialect, graded as v1.7 (the MSC as merged) unless told otherwise', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...msc2659EraOptions })
    expect(await probeHomeserver(setup.homeserver.url, {})).toEqual({ versions: msc2659EraOptions.versions, specVersion: 'v1.7', dialect: 'unstable' })
    expect(await probeHomeserver(setup.homeserver.url, { specVersion: 'v1.8' })).toMatchObject({ specVersion: 'v1.8', dialect: 'unstable' })
  })

  it("the spec's paths win when both flags are advertised", async () => {
    setup = await startReferenceSetup({
      appserviceTimeoutMs: 1_000,
      versions: ['v1.6'],
      unstableFeatures: { 'fi.mau.msc2659': true, 'fi.mau.msc2659.stable': true },
    })
    expect(await probeHomeserver(setup.homeserver.url, {})).toMatchObject({ specVersion: 'v1.6', dialect: 'stable' })
  })

  it('with neither flag nor v1.7 it is still not applicable (exit 2), the unstable flag named in the message', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, versions: ['v1.6'], unstableFeatures: { 'fi.mau.msc2659': false } })
    const error = await probeHomeserver(setup.homeserver.url, {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as UsageError).message).toBe(
      "not applicable: the target advertises only v1.6, and the ping needs v1.7 (or MSC2659's unstable feature fi.mau.msc2659)",
    )
  })

  it('probes the unstable client path: no finding on an MSC2659-era homeserver', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...msc2659EraOptions })
    expect(await preflightAgainst(setup, setup.listen.port, 'unstable')).toBeUndefined()
  })

  it('an unstable flag without its endpoint is a missing endpoint, named by the path the run grades', async () => {
    setup = await startReferenceSetup({ appserviceTimeoutMs: 1_000, ...variant('unstable-flag-without-endpoint') })
    expect(await preflightAgainst(setup, setup.listen.port, 'unstable')).toEqual({
      owner: 'HS-PING-OK',
      affects: 'every check',
      fault: expect.stringMatching(
        /^the homeserver has no ping endpoint: POST \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/.+\/ping answered HTTP 404/,
      ),
    })
  })
})

describe('a preflight finding explains the failures it causes, and no others', () => {
  const result = (id: string, status: CheckResult['status'], more: Partial<CheckResult> = {}): CheckResult => ({
    id,
    title: id,
    level: 'MUST',
    status,
    spec: '',
    requirement: '',
    durationMs: 0,
    ...more,
  })
  const finding = { owner: 'HS-PING-FORWARDED-ONCE', fault: 'the homeserver answers pings without calling the appservice', affects: 'stub checks' as const }

  it("makes the failures of the checks that need the stub depend on the owner, and keeps the others' own", () => {
    const lesser = { checkId: 'HS-PING-TXN-PASSTHROUGH', reason: 'lost' }
    const { results, headline } = applyFinding(
      [
        result('HS-PING-FORWARDED-ONCE', 'fail', { dependsOn: lesser }),
        result('HS-PING-HS-TOKEN-HEADER', 'fail', { dependsOn: lesser }),
        result('HS-PING-USER-TOKEN', 'fail'),
      ],
      finding,
    )
    expect(results.map((r) => [r.id, r.dependsOn?.checkId])).toEqual([
      ['HS-PING-FORWARDED-ONCE', undefined],
      ['HS-PING-HS-TOKEN-HEADER', 'HS-PING-FORWARDED-ONCE'],
      ['HS-PING-USER-TOKEN', undefined],
    ])
    expect(headline).toMatch(
      /^The homeserver answers pings without calling the appservice; the failures of the checks that need its call .*\(see HS-PING-FORWARDED-ONCE\)\.$/,
    )
  })

  it('explains nothing, and says nothing, when its owner passed after all', () => {
    const given = [
      result('HS-PING-FORWARDED-ONCE', 'pass'),
      result('HS-PING-HS-TOKEN-HEADER', 'fail', { dependsOn: { checkId: 'HS-PING-TXN-PASSTHROUGH', reason: 'lost' } }),
    ]
    expect(applyFinding(given, finding)).toEqual({ results: given })
  })
})
