/** Spec anchors the requirements cite. Pinned to v1.7, the version that added the ping. */
const base = 'https://spec.matrix.org/v1.7'

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
