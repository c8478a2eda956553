import type { AppserviceRegistration } from './appservice-registration.js'
import { randomToken } from './random-token.js'

/** The three appservices a homeserver run needs, by the role each plays. */
export interface ConformanceRegistrations {
  /** url = the stub appservice the suite runs. */
  main: AppserviceRegistration
  /** url: null, for M_URL_NOT_SET. */
  noUrl: AppserviceRegistration
  /** url = a port where nothing listens, for M_CONNECTION_FAILED. */
  unreachable: AppserviceRegistration
}

export type RegistrationRole = keyof ConformanceRegistrations

export const registrationRoles: readonly RegistrationRole[] = ['main', 'noUrl', 'unreachable']

const defaultIdPrefix = 'as-ping-conformance'

/** Nothing listens on port 1 (tcpmux) on any usual host; connecting there is refused at once. */
export function defaultUnreachableUrl(asUrl: string): string {
  const url = new URL(asUrl)
  // URL.hostname keeps an IPv6 literal's brackets ('[::1]').
  return `${url.protocol}//${url.hostname}:1`
}

/** Fresh registrations with new random tokens. */
export function createConformanceRegistrations(options: { asUrl: string; unreachableUrl?: string; idPrefix?: string }): ConformanceRegistrations {
  const prefix = options.idPrefix ?? defaultIdPrefix
  const make = (suffix: string, url: string | null): AppserviceRegistration => {
    const id = suffix ? `${prefix}-${suffix}` : prefix
    // Another prefix (one registration set per shard) needs its own exclusive user namespace too.
    const space = prefix === defaultIdPrefix ? 'asping' : `asping_${prefix.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`
    const localpart = `_${space}_${suffix || 'main'}`.replace(/-/g, '_')
    return {
      id,
      url,
      as_token: randomToken('as'),
      hs_token: randomToken('hs'),
      sender_localpart: `${localpart}_bot`,
      namespaces: {
        users: [{ exclusive: true, regex: `@${localpart}_.*` }],
        aliases: [],
        rooms: [],
      },
      rate_limited: false,
    }
  }
  return {
    main: make('', options.asUrl),
    noUrl: make('no-url', null),
    unreachable: make('unreachable', options.unreachableUrl ?? defaultUnreachableUrl(options.asUrl)),
  }
}
