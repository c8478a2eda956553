import { randomBytes } from 'node:crypto'
import { answerInBrief } from '../harness/assert/must.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import type { HttpExchange } from '../harness/clients/http-exchange.js'
import { isJsonObject } from '../harness/http/parse-json.js'
import type { PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import type { TlsOptions } from '../harness/http/tls-fetch.js'
import type { ConformanceConfig } from '../harness/registration/conformance-config.js'
import type { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { respondOk } from '../harness/stub-appservice/stub-outcome.js'

/** Where the suite pings and where the homeserver should call back: what a probe ping needs. */
export interface ProbeTarget {
  hsUrl: string
  config: ConformanceConfig
  listen: { host: string; port: number }
  /** Where the homeserver reaches the stub (default: the main registration's url). */
  stubPublicUrl?: string
  hsTimeoutMs: number
  /** How long the probe ping may take: the homeserver may wait its whole appservice timeout. */
  requestDeadlineMs: number
  tls?: TlsOptions
  /** Which client ping path to probe (default: the spec's). */
  dialect?: PingDialect
}

/**
 * What one valid ping through the homeserver showed about the path back to the stub. Each kind
 * is either a set-up fault (the checks could not exercise anything) or the target's own answer.
 */
export type ProbeVerdict =
  /** The homeserver called the stub: the run can go ahead. */
  | { kind: 'reached' }
  /** No connection reached the stub, and the homeserver said it could not reach the appservice (or went silent past its timeout): set-up. */
  | { kind: 'unreachable'; fix: string }
  /** A 404/405/501 that is no Matrix error: something in front of the homeserver does not route the ping path to it. Set-up. */
  | { kind: 'not-routed'; fix: string }
  /** A connection, but no HTTP request: TLS spoken to the plain-HTTP stub. Set-up. */
  | { kind: 'no-http'; fix: string }
  /** A Matrix M_UNRECOGNIZED on the ping path, no call: the endpoint is missing. The target's fault. */
  | { kind: 'endpoint-missing' }
  /** 200 without any call to the stub. The target's fault. */
  | { kind: 'answers-without-calling' }
  /** No answer at all (reset, cut short), no call: the target's fault. */
  | { kind: 'no-answer' }
  /** Anything else: the checks grade it. */
  | { kind: 'other' }

export interface ProbeOutcome {
  verdict: ProbeVerdict
  /** `HTTP 404 M_UNRECOGNIZED`, `no answer (…)`: what the ping answered, for one-line messages. */
  answer: string
  /** `http://127.0.0.1:9000 (the stub listens on 127.0.0.1:9000)` */
  where: string
  exchange: HttpExchange
  transactionId: string
}

/** Statuses that say "no such endpoint" rather than anything about the appservice (400: older servers' unknown endpoints). */
const missingEndpointStatuses = new Set([400, 404, 405, 501])

/** A homeserver may answer first and call just after (HS-PING-FORWARDED-ONCE's to fail): wait this long for that call. */
const lateCallMs = 500

/**
 * Sends one valid ping as the main appservice, registered with the stub like any check's (so it
 * is never taken for a stray), and sees whether, and how, the homeserver reached the stub.
 */
export async function probePing(stub: StubAppservice, target: ProbeTarget): Promise<ProbeOutcome> {
  const main = target.config.registrations.main
  const transactionId = `probe-${randomBytes(4).toString('hex')}`
  stub.arrange(transactionId, respondOk)
  const connectionsBefore = stub.connectionCount
  const requestsBefore = stub.all().length
  const ticket = await stub.beginPing(transactionId)
  const client = new HomeserverClient(target.hsUrl, target.requestDeadlineMs, Infinity, target.tls, undefined, target.dialect)
  const exchange = await client.ping({ appserviceId: main.id, token: main.as_token, body: { transaction_id: transactionId } })
  stub.endPing(ticket, exchange.response?.status)
  const requested = () => stub.all().length > requestsBefore
  for (const until = Date.now() + lateCallMs; !requested() && Date.now() < until;) await new Promise((resolve) => setTimeout(resolve, 25))
  const connected = stub.connectionCount > connectionsBefore
  const publicUrl = target.stubPublicUrl ?? target.config.asUrl
  return {
    verdict: verdictOf(exchange, { connected, requested: requested() }, target, publicUrl),
    answer: answerOf(exchange),
    where: `${publicUrl} (the stub listens on ${target.listen.host}:${target.listen.port})`,
    exchange,
    transactionId,
  }
}

function verdictOf(exchange: HttpExchange, seen: { connected: boolean; requested: boolean }, target: ProbeTarget, publicUrl: string): ProbeVerdict {
  if (seen.requested) return { kind: 'reached' }
  const response = exchange.response
  if (!response) {
    if (seen.connected) return { kind: 'no-http', fix: noHttpFix }
    // Silent past --hs-timeout-ms and its margin without reaching the stub: packets dropped on the way, or a wrong --hs-timeout-ms.
    if (exchange.error?.startsWith('no answer within'))
      return {
        kind: 'unreachable',
        fix: `${unreachableFix(target, publicUrl)}; and pass --hs-timeout-ms at least the homeserver's appservice timeout (Synapse: 60000)`,
      }
    return { kind: 'no-answer' }
  }
  if (response.status === 200) return { kind: 'answers-without-calling' }
  if (seen.connected) return { kind: 'no-http', fix: noHttpFix }
  const errcode = isJsonObject(response.json) ? response.json.errcode : undefined
  if (missingEndpointStatuses.has(response.status) && errcode === 'M_UNRECOGNIZED') return { kind: 'endpoint-missing' }
  if (missingEndpointStatuses.has(response.status) && response.status !== 400 && errcode === undefined) {
    return {
      kind: 'not-routed',
      fix: 'route all of /_matrix/ to the homeserver in the reverse proxy in front of it, or point --hs-url at the homeserver itself',
    }
  }
  if (response.status === 502 || response.status === 504) return { kind: 'unreachable', fix: unreachableFix(target, publicUrl) }
  return { kind: 'other' }
}

const noHttpFix = 'the stub speaks plain HTTP: use an http:// url in the registration, or put a TLS-terminating proxy in front of the stub'

/** The likeliest fix first: a --listen that does not match the registration's url, then the network. */
function unreachableFix(target: ProbeTarget, publicUrl: string): string {
  const url = new URL(publicUrl)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  // Through a proxy (--stub-public-url) the ports may differ on purpose.
  if (publicUrl === target.config.asUrl && port !== target.listen.port) {
    return `--listen ${target.listen.host}:${target.listen.port} is not the port of the registration's url ${publicUrl}: pass --listen with port ${port}, or --stub-public-url when a proxy forwards that url to the stub`
  }
  return 'make that URL reach this machine (firewall, --listen 0.0.0.0:PORT, or --stub-public-url/init --as-url with an address the homeserver can reach)'
}

function answerOf(exchange: HttpExchange): string {
  return exchange.response ? answerInBrief(exchange) : `no answer (${exchange.error})`
}
