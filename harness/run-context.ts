import type { RegistrationRole } from './registration/conformance-registrations'
import type { TlsOptions } from './http/tls-fetch'
import type { Secret } from './redact'

/** The appservice facts a scenario needs, per registration role. */
export interface AppserviceUnderTest {
  id: string
  url: string | null
  asToken: string
  hsToken: string
}

/**
 * Everything a homeserver scenario needs to know, handed from the runner to the vitest workers
 * with `provide` (so it must stay JSON-serialisable).
 */
export interface HomeserverRunContext {
  role: 'homeserver'
  /** Prefix of every transaction_id the run sends, so runs never mix. */
  runId: string
  hsUrl: string
  appservices: Record<RegistrationRole, AppserviceUnderTest>
  /** The path the homeserver must call: the main registration url's path + /_matrix/app/v1/ping. */
  expectedPingPath: string
  /** An ordinary user's access token, when the user gave one. */
  userToken?: string
  /** How long the homeserver under test waits for an appservice. */
  hsTimeoutMs: number
  /** epochNow() when the run stops waiting for the target (see harness/deadlines.ts). */
  deadlineAt: number
  /** The spec version the run grades against, e.g. 'v1.7'. */
  specVersion: string
  /** What the homeserver's /_matrix/client/versions lists (empty when unknown). */
  advertisedVersions: string[]
  /** Where scenarios reach the stub appservice's control API. */
  stubControlUrl: string
  /** How to trust an https homeserver (--ca-file PEM text, --insecure). */
  tls?: TlsOptions
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformance: HomeserverRunContext
  }
}

/** Every secret of the run, named for redaction and for repro commands. */
export function runSecrets(context: Pick<HomeserverRunContext, 'appservices' | 'userToken'>): Secret[] {
  const { main, noUrl, unreachable } = context.appservices
  return [
    { label: 'as_token', value: main.asToken, envVar: 'AS_TOKEN' },
    { label: 'hs_token', value: main.hsToken, envVar: 'HS_TOKEN' },
    { label: 'no_url_as_token', value: noUrl.asToken, envVar: 'NO_URL_AS_TOKEN' },
    { label: 'no_url_hs_token', value: noUrl.hsToken, envVar: 'NO_URL_HS_TOKEN' },
    { label: 'unreachable_as_token', value: unreachable.asToken, envVar: 'UNREACHABLE_AS_TOKEN' },
    { label: 'unreachable_hs_token', value: unreachable.hsToken, envVar: 'UNREACHABLE_HS_TOKEN' },
    ...(context.userToken ? [{ label: 'user_token', value: context.userToken, envVar: 'USER_TOKEN' }] : []),
  ]
}
