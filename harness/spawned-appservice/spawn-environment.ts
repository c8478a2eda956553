import type { AppserviceCredentials } from '../appservice-run-context.js'
import { urlAddress } from '../http/url-address.js'

/**
 * The environment variables a `--spawn`ed appservice is started with (documented in
 * docs/appservice-run.md). They use the CLI's own CONFORMANCE_ names, with the same meaning.
 */
export const spawnVariables = {
  /** The (mock) homeserver's base URL: where the appservice sends its client-server requests, the ping included. */
  homeserverUrl: 'CONFORMANCE_HS_URL',
  /** The URL the homeserver reaches the appservice at (--as-url). */
  appserviceUrl: 'CONFORMANCE_AS_URL',
  /** Where the appservice must listen: the host and port of --as-url. */
  host: 'CONFORMANCE_AS_HOST',
  port: 'CONFORMANCE_AS_PORT',
  hsToken: 'CONFORMANCE_HS_TOKEN',
  /** Set when known (--as-token or --registration). */
  asToken: 'CONFORMANCE_AS_TOKEN',
  /** Set when known (--as-id or --registration). */
  asId: 'CONFORMANCE_AS_ID',
  /** Set with --registration: the registration file's path. */
  registration: 'CONFORMANCE_REGISTRATION',
} as const

export interface SpawnFacts {
  homeserverUrl: string
  appserviceUrl: string
  credentials: AppserviceCredentials
  registrationFile?: string
}

export function spawnEnvironment(facts: SpawnFacts): Record<string, string> {
  const { host, port } = urlAddress(facts.appserviceUrl)
  const env: Record<string, string> = {
    [spawnVariables.homeserverUrl]: facts.homeserverUrl,
    [spawnVariables.appserviceUrl]: facts.appserviceUrl,
    [spawnVariables.host]: host,
    [spawnVariables.port]: String(port),
    [spawnVariables.hsToken]: facts.credentials.hsToken,
  }
  if (facts.credentials.asToken) env[spawnVariables.asToken] = facts.credentials.asToken
  if (facts.credentials.asId) env[spawnVariables.asId] = facts.credentials.asId
  if (facts.registrationFile) env[spawnVariables.registration] = facts.registrationFile
  return env
}
