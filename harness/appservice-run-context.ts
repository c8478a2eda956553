import type { Secret } from './redact.js'

/** The appservice's credentials as the suite knows them; as_token and id are needed only for the client part. */
export interface AppserviceCredentials {
  hsToken: string
  asToken?: string
  asId?: string
}

/**
 * Everything an appservice check needs in a CLI run, handed from the runner to the vitest workers
 * with `provide` (so it must stay JSON-serialisable). The mock homeserver lives in the runner's
 * process; checks reach it through its control API.
 */
export interface AppserviceRunContext extends AppserviceCredentials {
  role: 'appservice'
  /** Prefix of every transaction_id the run sends, so runs never mix. */
  runId: string
  /** Where the appservice under test listens. */
  asUrl: string
  /** Where scenarios reach the runner's mock homeserver control API. */
  mockControlUrl: string
  /** How long one fault round may take (restart, wait for the ping, grace): sizes the survival check's timeout. */
  faultRoundMs: number
}

declare module 'vitest' {
  export interface ProvidedContext {
    appserviceConformance?: AppserviceRunContext
  }
}

/** The secrets of an appservice run, named for redaction and for repro commands. */
export function appserviceSecrets(credentials: AppserviceCredentials): Secret[] {
  return [
    { label: 'hs_token', value: credentials.hsToken, envVar: 'HS_TOKEN' },
    ...(credentials.asToken ? [{ label: 'as_token', value: credentials.asToken, envVar: 'AS_TOKEN' }] : []),
  ]
}
