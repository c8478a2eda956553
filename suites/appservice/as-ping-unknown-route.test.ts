import { appserviceCheck, must } from '../../harness/scenario/index.js'

// "If a request for an unsupported (or unknown) endpoint is received then the server must respond with a 404 M_UNRECOGNIZED error."
export default appserviceCheck('AS-PING-UNKNOWN-ROUTE', async (t) => {
  const exchange = await t.ping({ token: t.credentials.hsToken, path: '/_matrix/app/v1/as-ping-conformance-unknown', body: {} })
  must.matchResponse(exchange, { status: 404, errcode: 'M_UNRECOGNIZED' })
})
