import { bearerToken } from '../../harness/http/bearer-token'
import { check, must, respondOk } from '../../harness/scenario'

// AS API § Authorisation: "Homeservers MUST include an Authorization header, containing the hs_token".
check('HS-PING-HS-TOKEN-HEADER', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  const header = callbacks[0]!.headers.authorization
  must.hold(
    bearerToken(header) === t.appservices.main.hsToken,
    header === undefined ? 'no Authorization header' : 'Authorization is not Bearer <hs_token>',
    'Authorization: Bearer <hs_token>',
    header === undefined ? 'no Authorization header' : `Authorization: ${header}`,
  )
})
