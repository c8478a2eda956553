import { homeserverErrcodeIn, type PingDialect } from '../openapi/unstable-ping-endpoints.js'

/**
 * What the mock homeserver does with the appservice's ping in one round: answer it as a
 * homeserver would (ping the appservice back, then report), or inject one fault.
 */
export type HomeserverFault = 'bad-status' | 'connection-failed' | 'timeout' | 'url-not-set' | 'unreachable'

export type HomeserverPlan = 'answer' | HomeserverFault

/** The answer a homeserver gives for each fault; `unreachable` has none (the homeserver is not there). */
export const faultAnswers: Record<Exclude<HomeserverFault, 'unreachable'>, { status: number; body: Record<string, unknown> }> = {
  'bad-status': {
    status: 502,
    body: { errcode: 'M_BAD_STATUS', error: 'Ping returned status 500', status: 500, body: '{"errcode":"M_UNKNOWN","error":"Internal server error"}' },
  },
  'connection-failed': { status: 502, body: { errcode: 'M_CONNECTION_FAILED', error: 'Connection to the application service failed' } },
  timeout: { status: 504, body: { errcode: 'M_CONNECTION_TIMEOUT', error: 'Connection to the application service timed out' } },
  'url-not-set': { status: 400, body: { errcode: 'M_URL_NOT_SET', error: "Application service doesn't have a URL configured" } },
}

/** Every fault, in the order the survival check injects them. */
export const homeserverFaults: readonly HomeserverFault[] = ['bad-status', 'connection-failed', 'timeout', 'url-not-set', 'unreachable']

/** One line for messages: the fault as the mock answered it, its errcode spelled as on the path the appservice pinged. */
export function describeFault(fault: HomeserverFault, dialect: PingDialect): string {
  if (fault === 'unreachable') return 'the homeserver cannot be reached'
  const { status, body } = faultAnswers[fault]
  return `the homeserver answers ${status} ${homeserverErrcodeIn(dialect, String(body.errcode))}`
}
