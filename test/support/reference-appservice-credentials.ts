import { randomToken } from '../../harness/registration/random-token.js'

/**
 * Credentials for the reference appservice in the project's tests. The id has a space and a "/",
 * so the appservice's own ping must percent-encode it (AS-CLIENT-PING-PATH).
 */
export function referenceAppserviceCredentials(): { hsToken: string; asToken: string; asId: string } {
  return { hsToken: randomToken('hs'), asToken: randomToken('as'), asId: 'reference appservice/1' }
}
