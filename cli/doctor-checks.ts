import { join } from 'node:path'
import { requestDeadlineMs } from '../harness/deadlines.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import type { TlsOptions } from '../harness/http/tls-fetch.js'
import type { PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { unstableDialectNotes } from '../runner/dialect-notes.js'
import { whoami } from '../harness/clients/whoami.js'
import type { ConformanceConfig } from '../harness/registration/conformance-config.js'
import { registrationRoles } from '../harness/registration/conformance-registrations.js'
import { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { probePing } from '../runner/probe-ping.js'
import { UsageError } from '../harness/usage-error.js'
import { probeHomeserver } from './preflight.js'
import { systemError } from '../harness/system-error.js'

/** One finding of `doctor`: what was checked, what was seen, and for a problem the one-line fix. */
export interface DoctorFinding {
  ok: boolean
  what: string
  detail: string
  fix?: string
}

export interface DoctorTarget {
  hsUrl: string
  config: ConformanceConfig
  listen: { host: string; port: number }
  /** Where the homeserver reaches the stub (default: the main registration's url). */
  stubPublicUrl: string
  hsTimeoutMs: number
  userToken?: string
  tls?: TlsOptions
  specVersion?: string
  assumeVersion?: string
}

/** Can we reach the homeserver, over what TLS, and does it advertise the ping (and on which paths, for the stub check)? */
export async function checkHomeserver(target: DoctorTarget): Promise<{ findings: DoctorFinding[]; dialect?: PingDialect }> {
  let versions
  try {
    versions = await probeHomeserver(target.hsUrl, target)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    return { findings: [{ ok: false, what: 'homeserver', detail: error.message, fix: error.remedy }] }
  }
  const findings: DoctorFinding[] = [{ ok: true, what: 'reachable', detail: `${target.hsUrl}/_matrix/client/versions answered` }]
  if (target.hsUrl.startsWith('https:')) {
    const how = target.tls?.insecure
      ? 'NOT verified (--insecure)'
      : target.tls?.ca
        ? 'verified against the usual CAs and --ca-file'
        : 'verified against the usual CAs'
    findings.push({ ok: true, what: 'TLS', detail: `certificate ${how}` })
  }
  findings.push({
    ok: true,
    what: 'versions',
    detail: `advertises ${versions.versions.join(', ') || 'nothing'}; the run grades against ${versions.specVersion}${versions.dialect === 'unstable' ? `; ${unstableDialectNotes.homeserver}` : ''}`,
  })
  return { findings, dialect: versions.dialect }
}

/** Is each registration loaded? whoami with its as_token names its sender; the user token likewise. */
export async function checkTokens(target: DoctorTarget): Promise<DoctorFinding[]> {
  const client = new HomeserverClient(target.hsUrl, 10_000, Infinity, target.tls)
  const findings: DoctorFinding[] = []
  for (const role of registrationRoles) {
    const registration = target.config.registrations[role]
    const file = join(target.config.dir, target.config.files[role])
    const seen = await whoami(client, registration.as_token)
    findings.push(
      'userId' in seen
        ? { ok: true, what: `as_token of ${registration.id}`, detail: `valid (whoami: ${seen.userId})` }
        : {
            ok: false,
            what: `as_token of ${registration.id}`,
            detail: `the homeserver does not accept it: ${seen.problem}`,
            fix: `add ${file} to the homeserver's appservice registrations (Synapse: app_service_config_files) and restart it`,
          },
    )
  }
  if (target.userToken) {
    const seen = await whoami(client, target.userToken)
    findings.push(
      'userId' in seen
        ? { ok: true, what: 'user token', detail: `valid (whoami: ${seen.userId})` }
        : {
            ok: false,
            what: 'user token',
            detail: `the homeserver does not accept it: ${seen.problem}`,
            fix: "give an ordinary user's current access token in --user-token or --user-token-file",
          },
    )
  }
  return findings
}

/**
 * Can the homeserver reach the stub? Start it where a run would, ping through the homeserver, and
 * see whether anything connected at all — the firewall and wrong-URL trap that otherwise shows up
 * as a handful of inexplicable failures.
 */
export async function checkStubReachable(target: DoctorTarget, dialect: PingDialect): Promise<DoctorFinding[]> {
  const stub = new StubAppservice()
  try {
    await stub.start(target.listen.host, target.listen.port)
  } catch (error) {
    const code = systemError(error).brief
    return [
      {
        ok: false,
        what: 'stub appservice',
        detail: `cannot listen on ${target.listen.host}:${target.listen.port}: ${code}`,
        fix:
          code === 'EADDRINUSE' ? 'stop whatever uses that port, or pass --listen with a free one' : 'pass --listen HOST:PORT with an address of this machine',
      },
    ]
  }
  try {
    const probe = await probePing(stub, { ...target, dialect, requestDeadlineMs: requestDeadlineMs(target.hsTimeoutMs) })
    const { verdict, where, answer } = probe
    switch (verdict.kind) {
      case 'unreachable':
        return [
          {
            ok: false,
            what: 'stub appservice',
            detail: `the homeserver never connected to the stub at ${where}; its ping answered ${answer}`,
            fix: verdict.fix,
          },
        ]
      case 'not-routed':
        return [
          {
            ok: false,
            what: 'stub appservice',
            detail: `not reached: the ping path answered ${answer} with no Matrix error, so it never got to the homeserver`,
            fix: verdict.fix,
          },
        ]
      case 'no-http':
        return [
          {
            ok: false,
            what: 'stub appservice',
            detail: `the homeserver connected to the stub at ${where} but sent no HTTP request; its ping answered ${answer}`,
            fix: verdict.fix,
          },
        ]
      // Not a set-up fault: the run can go ahead, and its checks fail the target for it.
      case 'endpoint-missing':
        return [
          {
            ok: true,
            what: 'stub appservice',
            detail: `not reached: the homeserver has no ping endpoint (its ping answered ${answer}); a run fails HS-PING-OK for it`,
          },
        ]
      case 'answers-without-calling':
        return [
          {
            ok: true,
            what: 'stub appservice',
            detail: `not reached: the homeserver answered ${answer} without calling the appservice; a run fails HS-PING-FORWARDED-ONCE for it`,
          },
        ]
      case 'no-answer':
        return [
          {
            ok: true,
            what: 'stub appservice',
            detail: `not reached: the homeserver gave no answer to a valid ping (${answer}); a run fails HS-PING-OK for it`,
          },
        ]
      case 'other':
        return [
          {
            ok: true,
            what: 'stub appservice',
            detail: `not reached: the homeserver answered a valid ping ${answer} without calling the stub at ${where}; a run's checks grade that answer`,
          },
        ]
      case 'reached': {
        const pinged = stub.requestsFor(probe.transactionId).length > 0
        return [
          {
            ok: true,
            what: 'stub appservice',
            detail: `the homeserver reached the stub at ${where}${pinged ? '' : ' (but not with this ping)'}; its ping answered ${answer} in ${Math.round(probe.exchange.durationMs)} ms`,
          },
        ]
      }
    }
  } finally {
    await stub.stop()
  }
}
