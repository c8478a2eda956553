import { bearerToken } from '../../harness/http/bearer-token.js'
import { appserviceCheck, CheckFailure, pingAttempt } from '../../harness/scenario/index.js'

// The appservice authenticates as itself: Authorization: Bearer <as_token> (the preferred method).
// The scheme name is case-insensitive (RFC 9110 §11.1); its spelling is AS-CLIENT-PING-BEARER-SPELLING's.
export default appserviceCheck('AS-CLIENT-PING-AS-TOKEN', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  // Declared to need the as_token: without it, skipped before it runs.
  const { hsToken } = t.credentials
  const asToken = t.credentials.asToken!
  const header = ping.headers.authorization
  const token = bearerToken(header)
  if (token === asToken) return
  const inQuery = ping.query.access_token?.includes(asToken) ? ' (it sent the as_token in the access_token query parameter instead)' : ''
  const got =
    header === undefined
      ? `no Authorization header${inQuery}`
      : token === hsToken
        ? "the hs_token (that is the homeserver's token to the appservice)"
        : `'${header}'`
  throw new CheckFailure([`Authorization got ${got} want 'Bearer <as_token>'`], 'Authorization: Bearer <as_token>', header ?? '(none)', undefined, 'call')
})
