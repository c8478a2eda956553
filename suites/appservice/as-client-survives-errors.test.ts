import { appserviceCheck, CheckFailure, describeExit, describeFault, homeserverFaults, pingAttempt } from '../../harness/scenario/index.js'
import { dialectOfClientPingPath } from '../../harness/openapi/unstable-ping-endpoints.js'

// "take care to not fail entirely in the event of temporary issues, e.g. gracefully handling cases
// where the appservice is started before the homeserver": after each fault it still answers its ping endpoint.
export default appserviceCheck(
  'AS-CLIENT-SURVIVES-ERRORS',
  async (t) => {
    // Each fault is graded alone, whether the rounds ran at once or one at a time (t.pingUnderEach).
    const outcomes = await t.pingUnderEach(homeserverFaults, async (round, stillUp, i) => {
      // Named as the mock answered it: on MSC2659's unstable path, FI.MAU.MSC2659_BAD_STATUS and the like.
      const ping = pingAttempt(round)
      const description = describeFault(homeserverFaults[i]!, (ping && dialectOfClientPingPath(ping.rawPath)) ?? 'stable')
      if (round.exited) return `when ${description}, the appservice ${describeExit(round.exited)}`
      const after = await stillUp()
      if (after.exchange.response) return undefined
      // How it ended says more than the refused connection.
      if (after.exited) return `when ${description}, the appservice ${describeExit(after.exited)}`
      return `when ${description}, the appservice no longer answers POST /_matrix/app/v1/ping afterwards (${after.exchange.error})`
    })
    const problems = outcomes.filter((problem) => problem !== undefined)
    if (problems.length)
      throw new CheckFailure(
        problems.map((p) => t.redactor.redact(p)),
        'still up (answering its ping endpoint) after every fault',
        `${problems.length} of ${homeserverFaults.length} faults took it down`,
      )
  },
  // The rounds at once, and if they must then run one at a time, each again.
  { timeoutMs: (target) => (homeserverFaults.length + 1) * target.faultRoundMs + 10_000 },
)
