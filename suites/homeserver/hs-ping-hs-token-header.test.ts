import { check, must, respondOk } from '../../harness/scenario'

// AS API § Authorisation: "Homeservers MUST include an Authorization header, containing the hs_token".
check('HS-PING-HS-TOKEN-HEADER', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  const got = callbacks[0]!.headers.authorization
  const want = `Bearer ${t.appservices.main.hsToken}`
  must.hold(got === want, got === undefined ? 'no Authorization header' : 'Authorization is not Bearer <hs_token>', 'Authorization: Bearer <hs_token>', got === undefined ? 'no Authorization header' : `Authorization: ${got}`)
})
