import { bearerToken } from '../../harness/http/bearer-token.js'
import { check, must, respondOk } from '../../harness/scenario/index.js'

// AS API § Authorisation: "Homeservers MUST include an Authorization header, containing the hs_token".
export default check('HS-PING-HS-TOKEN-HEADER', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  // Every call is graded; how many there are is HS-PING-FORWARDED-ONCE's business.
  must.haveReceivedSome(callbacks, 'pings carrying the transaction_id')
  for (const { headers } of callbacks) {
    const header = headers.authorization
    must.hold(
      bearerToken(header) === t.appservices.main.hsToken,
      header === undefined ? 'no Authorization header' : 'Authorization is not Bearer <hs_token>',
      'Authorization: Bearer <hs_token>',
      header === undefined ? 'no Authorization header' : `Authorization: ${header}`,
      undefined,
      'call',
    )
  }
})
