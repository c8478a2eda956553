import { appserviceCheck, CheckFailure, describeExit, homeserverFaults } from '../../harness/scenario/index.js'

// "take care to not fail entirely in the event of temporary issues, e.g. gracefully handling cases
// where the appservice is started before the homeserver": after each fault it still answers its ping endpoint.
export default appserviceCheck(
  'AS-CLIENT-SURVIVES-ERRORS',
  async (t) => {
    const problems: string[] = []
    for (const { fault, description } of homeserverFaults) {
      const round = await t.pingUnder(fault)
      if (round.exited) {
        problems.push(`when ${description}, the appservice ${describeExit(round.exited)}`)
        continue
      }
      const after = await t.validPing()
      if (!after.response) problems.push(`when ${description}, the appservice no longer answers POST /_matrix/app/v1/ping afterwards (${after.error})`)
    }
    if (problems.length)
      throw new CheckFailure(
        problems.map((p) => t.redactor.redact(p)),
        'still up (answering its ping endpoint) after every fault',
        `${problems.length} of ${homeserverFaults.length} faults took it down`,
      )
  },
  { timeoutMs: (target) => homeserverFaults.length * target.faultRoundMs + 10_000 },
)
