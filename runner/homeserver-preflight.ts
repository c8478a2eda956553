import { join } from 'node:path'
import { excerpt } from '../harness/assert/excerpt.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import { clientPingPathIn } from '../harness/openapi/unstable-ping-endpoints.js'
import { tokenRefused, whoami } from '../harness/clients/whoami.js'
import { registrationRoles } from '../harness/registration/conformance-registrations.js'
import { hasRequirement, requirement } from '../harness/requirements/registry.js'
import { needs } from '../harness/requirements/requirement.js'
import type { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { UsageError } from '../harness/usage-error.js'
import type { CheckResult } from './check-result.js'
import { probePing, type ProbeTarget } from './probe-ping.js'

/** whoami involves no appservice: a homeserver answers it at once. */
const whoamiTimeoutMs = 10_000

/**
 * A fault of the target that the preflight saw before any check ran: it is graded by the check
 * that owns it, every other check's failure is its consequence, and the output says so first.
 */
export interface PreflightFinding {
  owner: string
  /** `the homeserver has no ping endpoint: …`: the consequences' reason. */
  fault: string
  /** Which checks it keeps from being exercised: all (they all ping), or those that need the homeserver's call to the stub. */
  affects: 'every check' | 'stub checks'
}

/** The one sentence at the top of the output. */
function headlineOf(finding: PreflightFinding): string {
  const which =
    finding.affects === 'every check' ? 'every failure below comes from it' : 'the failures of the checks that need its call to the appservice come from it'
  return `${finding.fault[0]!.toUpperCase()}${finding.fault.slice(1)}; ${which} (see ${finding.owner}).`
}

/**
 * Set-up faults are not conformance faults (conformance policy): before any check runs, whoami
 * with each token and one probe ping tell a registration the homeserver has not loaded, a stub it
 * cannot reach, or TLS spoken to the stub (each a UsageError: exit 2, one line with the fix) from
 * a homeserver that lacks the endpoint or answers without calling the appservice (a finding: the
 * checks grade it, exit 1).
 */
export async function preflightHomeserver(stub: StubAppservice, target: ProbeTarget & { userToken?: string }): Promise<PreflightFinding | undefined> {
  await requireKnownTokens(target)
  const probe = await probePing(stub, target)
  const { verdict } = probe
  const ping = `POST ${clientPingPathIn(target.dialect ?? 'stable', target.config.registrations.main.id)}`
  switch (verdict.kind) {
    case 'unreachable':
      throw new UsageError(`the homeserver never reached the stub appservice at ${probe.where}: a valid ping answered ${probe.answer}`, verdict.fix)
    case 'not-routed':
      throw new UsageError(
        `${ping} answered ${probe.answer} with no Matrix error (${excerpt(probe.exchange.response?.bodyText ?? '', 60) || 'empty body'}): something in front of the homeserver does not pass the ping path on to it`,
        verdict.fix,
      )
    case 'no-http':
      throw new UsageError(
        `the homeserver connected to the stub appservice at ${probe.where} but sent no HTTP request (a valid ping answered ${probe.answer})`,
        verdict.fix,
      )
    case 'endpoint-missing':
      return { owner: 'HS-PING-OK', fault: `the homeserver has no ping endpoint: ${ping} answered ${probe.answer}`, affects: 'every check' }
    case 'answers-without-calling':
      return {
        owner: 'HS-PING-FORWARDED-ONCE',
        fault: `the homeserver answers pings without calling the appservice: ${ping} answered ${probe.answer} and the stub appservice saw no request`,
        affects: 'stub checks',
      }
    case 'no-answer':
      return { owner: 'HS-PING-OK', fault: `the homeserver gives no answer to a valid ping: ${ping} got ${probe.answer}`, affects: 'every check' }
    default:
      return undefined
  }
}

/** A registration the homeserver has not loaded (or a stale user token) would turn checks red that say nothing about the ping. */
async function requireKnownTokens(target: ProbeTarget & { userToken?: string }): Promise<void> {
  const client = new HomeserverClient(target.hsUrl, whoamiTimeoutMs, Infinity, target.tls)
  const { config } = target
  const answers = await Promise.all(registrationRoles.map((role) => whoami(client, config.registrations[role].as_token)))
  const unloaded = registrationRoles.filter((_, i) => tokenRefused(answers[i]!))
  if (unloaded.length) {
    const files = unloaded.map((role) => join(config.dir, config.files[role]))
    const seen = answers.find(tokenRefused)!
    throw new UsageError(
      `the homeserver does not know the as_token of ${files.join(', ')} (whoami answered ${'problem' in seen ? seen.problem : ''}): ${files.length > 1 ? 'these registrations are' : 'the registration is'} not loaded`,
      "add the file(s) to the homeserver's appservice registrations (Synapse: app_service_config_files) and restart it; `as-ping-conformance doctor` checks each",
    )
  }
  if (target.userToken && tokenRefused(await whoami(client, target.userToken))) {
    throw new UsageError(
      'the homeserver does not accept the user token (whoami answered 401)',
      "give an ordinary user's current access token in --user-token or --user-token-file",
    )
  }
}

/**
 * The preflight's finding is the root cause, once its owner has failed on its own (if it passed after
 * all, the probe saw something passing: the finding explains nothing and every result stands). The
 * owner then depends on nothing else, and every failure or warning of a check the fault affects
 * depends on it (see runner/consequences.ts), whatever lesser cause the check itself suspected (a
 * homeserver that never calls back also "loses" every transaction_id). A check it does not affect
 * keeps its own verdict: a user token accepted is no consequence of a missing call.
 */
export function applyFinding(results: readonly CheckResult[], finding: PreflightFinding | undefined): { results: CheckResult[]; headline?: string } {
  const owner = finding && results.find((r) => r.id === finding.owner)
  if (!finding || (owner && owner.status !== 'fail' && owner.status !== 'warn')) return { results: [...results] }
  const dependsOn = { checkId: finding.owner, reason: finding.fault }
  const affected = (id: string) => finding.affects === 'every check' || (hasRequirement(id) && needs(requirement(id), 'stub'))
  const applied = results.map((r) => {
    if (r.id === finding.owner) {
      const { dependsOn: _lesser, ...root } = r
      return root
    }
    return (r.status === 'fail' || r.status === 'warn') && affected(r.id) ? { ...r, dependsOn } : r
  })
  return { results: applied, headline: headlineOf(finding) }
}
