import { compareSpecVersions, parseSpecVersion } from '../spec-version.js'

/** Spec anchors the requirements cite, as written in v1.7, the version that added the ping; reports point them at the version graded (specLinkFor). */
const linkedVersion = 'v1.7'
const base = `https://spec.matrix.org/${linkedVersion}`

export const specLinks = {
  clientPing: `${base}/application-service-api/#post_matrixclientv1appserviceappserviceidping`,
  appservicePing: `${base}/application-service-api/#post_matrixappv1ping`,
  pinging: `${base}/application-service-api/#pinging`,
  appserviceAuthorization: `${base}/application-service-api/#authorization`,
  usingAccessTokens: `${base}/client-server-api/#using-access-tokens`,
  standardErrorResponse: `${base}/client-server-api/#standard-error-response`,
  commonErrorCodes: `${base}/client-server-api/#common-error-codes`,
  registration: `${base}/application-service-api/#registration`,
  unknownRoutes: `${base}/application-service-api/#unknown-routes`,
  msc4127: 'https://github.com/matrix-org/matrix-spec-proposals/pull/4127',
} as const

/**
 * A requirement's link for the version a run grades against: the same anchor in that version's
 * spec, or in the version that introduced the requirement when the graded one is older (Synapse
 * 1.84 advertises v1.6 plus the ping's unstable flag, and v1.6 has no ping section).
 */
export function specLinkFor(link: string, gradedVersion: string, since: string): string {
  if (!link.startsWith(`${base}/`) || !parseSpecVersion(gradedVersion)) return link
  const version = compareSpecVersions(gradedVersion, since) >= 0 ? gradedVersion : since
  return `https://spec.matrix.org/${version}${link.slice(base.length)}`
}
