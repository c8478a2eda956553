import { isCanonicalBearer, parseBearer } from '../../harness/http/bearer-token.js'
import { appserviceCheck, CheckFailure, pingAttempt, SkipCheck } from '../../harness/scenario/index.js'

// HTTP lets the scheme be spelled in any case, but Synapse reads only `Bearer <token>` exactly:
// an appservice that spells it otherwise is conformant and still locked out of Synapse.
export default appserviceCheck('AS-CLIENT-PING-BEARER-SPELLING', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  const credentials = parseBearer(ping.headers.authorization)
  if (credentials?.token !== t.credentials.asToken!) throw new SkipCheck('not graded: its ping carries no Bearer as_token (see AS-CLIENT-PING-AS-TOKEN)')
  if (isCanonicalBearer(credentials)) return
  const mismatches = [
    ...(credentials.scheme === 'Bearer'
      ? []
      : [`the scheme is spelled '${credentials.scheme}', want 'Bearer' (Synapse refuses any other spelling with 401 M_MISSING_TOKEN)`]),
    ...(credentials.separator === ' '
      ? []
      : [`scheme and token are separated by ${JSON.stringify(credentials.separator)}, want one space (Synapse splits the header on " ")`]),
  ]
  throw new CheckFailure(
    mismatches,
    'Authorization: Bearer <as_token>',
    `Authorization: ${credentials.scheme}${JSON.stringify(credentials.separator).slice(1, -1)}<as_token>`,
    undefined,
    'call',
  )
})
