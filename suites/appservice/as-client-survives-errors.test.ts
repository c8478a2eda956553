import { appserviceCheck, CheckFailure, describeExit, homeserverFaults, pingAttempt, type PingRound } from '../../harness/scenario/index.js'
import { dialectOfClientPingPath, homeserverErrcodeIn } from '../../harness/openapi/unstable-ping-endpoints.js'

// "take care to not fail entirely in the event of temporary issues, e.g. gracefully handling cases
// where the appservice is started before the homeserver": after each fault it still answers its ping endpoint.
export default appserviceCheck(
  'AS-CLIENT-SURVIVES-ERRORS',
  async (t) => {
    // Each fault is graded alone, whether the rounds ran at once or one at a time (t.pingUnderEach).
    const outcomes = await t.pingUnderEach(
      homeserverFaults.map((f) => f.fault),
      async (round, stillUp, i) => {
        const description = asAnswered(homeserverFaults[i]!.description, round)
        if (round.exited) return `when ${description}, the appservice ${describeExit(round.exited)}`
        const after = await stillUp()
        return after.response ? undefined : `when ${description}, the appservice no longer answers POST /_matrix/app/v1/ping afterwards (${after.error})`
      },
    )
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

/** On MSC2659's unstable path the mock spells the fault's errcode as a homeserver of that time did (FI.MAU.MSC2659_BAD_STATUS): say it so. */
function asAnswered(description: string, round: PingRound): string {
  const ping = pingAttempt(round)
  if (!ping || dialectOfClientPingPath(ping.rawPath) !== 'unstable') return description
  return description.replace(/M_[A-Z_]+/, (errcode) => homeserverErrcodeIn('unstable', errcode))
}
