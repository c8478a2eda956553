import { registrationRoles, type RegistrationRole } from './registration/conformance-registrations.js'
import type { PingDialect } from './openapi/unstable-ping-endpoints.js'
import type { TlsOptions } from './http/tls-fetch.js'
import type { Secret } from './redact.js'

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
  /** Which paths the run grades: the spec's, or MSC2659's unstable ones (a homeserver advertising only `fi.mau.msc2659`). */
  dialect: PingDialect
  /**
   * The paths the homeserver may call: the main registration url's path + /_matrix/app/v1/ping; on an
   * unstable run its unstable path too (MSC2659: the endpoints "can be implemented as" the unstable ones).
   */
  expectedPingPaths: string[]
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

/** How each registration's tokens are named: `no_url_` + `as_token` in output, `NO_URL_` + `AS_TOKEN` in repro commands. */
export const registrationSecretPrefixes: Record<RegistrationRole, { label: string; envVar: string }> = {
  main: { label: '', envVar: '' },
  noUrl: { label: 'no_url_', envVar: 'NO_URL_' },
  unreachable: { label: 'unreachable_', envVar: 'UNREACHABLE_' },
}

/** The two tokens of a registration, by their key in the registration file. */
export const registrationTokenKeys = ['as_token', 'hs_token'] as const

/** Every secret of the run, named for redaction and for repro commands. */
export function runSecrets(context: Pick<HomeserverRunContext, 'appservices' | 'userToken'>): Secret[] {
  return [
    ...registrationRoles.flatMap((role) =>
      registrationTokenKeys.map((key) => ({
        label: `${registrationSecretPrefixes[role].label}${key}`,
        value: key === 'as_token' ? context.appservices[role].asToken : context.appservices[role].hsToken,
        envVar: `${registrationSecretPrefixes[role].envVar}${key.toUpperCase()}`,
      })),
    ),
    ...(context.userToken ? [{ label: 'user_token', value: context.userToken, envVar: 'USER_TOKEN' }] : []),
  ]
}
