import { check, must, respondOk } from '../../harness/scenario'

/** The token of an `Authorization: Bearer …` header; the scheme name is case-insensitive in HTTP (RFC 9110 §11.1). */
function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : /^bearer +(\S+)$/i.exec(header)?.[1]
}

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
