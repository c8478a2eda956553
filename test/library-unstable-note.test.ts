import { afterAll, describe, expect, it } from 'vitest'
import type { RunnerTestCase, RunnerTestSuite } from 'vitest'
import msc2659Era from '../fixtures/conformant-appservices/msc2659-era-unstable-ping.js'
import { createReferenceAppservice } from '../fixtures/reference-appservice/reference-appservice.js'
import { appserviceConformance, defaultMockHomeserverUrl } from '../index.js'
import { referenceAppserviceCredentials } from './support/reference-appservice-credentials.js'

/**
 * In the library as in a CLI run's report, an appservice that pings MSC2659's unstable path is
 * told so: its passing AS-CLIENT-PING-PATH carries the check's note as an annotation.
 */
const suiteName = 'an appservice of the MSC2659 era, in process through the library API'
const credentials = referenceAppserviceCredentials()
const appservice = createReferenceAppservice({ ...credentials, homeserverUrl: defaultMockHomeserverUrl, behaviour: msc2659Era.behaviour() })
afterAll(() => appservice.close())
appserviceConformance({ name: suiteName, app: appservice.handler, ...credentials, ping: () => appservice.pingHomeserver(), only: ['AS-CLIENT-PING-PATH'] })

describe("the library's passing check on the unstable path", () => {
  it('passes, annotated with the path it was graded on', ({ task }) => {
    const suite = task.file.tasks.find((t): t is RunnerTestSuite => t.type === 'suite' && t.name === suiteName)!
    const check = suite.tasks.find((t): t is RunnerTestCase => t.type === 'test' && t.name.startsWith('AS-CLIENT-PING-PATH:'))!
    expect(check.result?.state, `${check.meta.skipReason} ${JSON.stringify(check.result?.errors)}`).toBe('pass')
    expect(check.annotations.map((a) => `${a.type}: ${a.message}`)).toEqual([
      expect.stringMatching(
        /^notice: the appservice pinged \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/[^/]+\/ping: MSC2659's unstable endpoint/,
      ),
    ])
  })
})
