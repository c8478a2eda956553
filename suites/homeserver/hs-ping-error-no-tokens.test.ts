import { excerpt } from '../../harness/assert/excerpt.js'
import { check, must } from '../../harness/scenario/index.js'
import { errorProvokingPings } from './support/error-provoking-pings.js'

// Not in the spec, graded SHOULD: a token in an error text ends up in client logs.
export default check('HS-PING-ERROR-NO-TOKENS', async (t) => {
  const pings = errorProvokingPings(t)
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  const tokens = Object.values(t.appservices).flatMap((a) => [a.asToken, a.hsToken])
  const leaking = pings.flatMap((p, i) => {
    const body = exchanges[i]!.response?.bodyText ?? ''
    return tokens.some((token) => body.includes(token))
      ? [{ exchange: exchanges[i]!, leak: `${p.name}: the answer contains a token: ${excerpt(t.redactor.redact(body))}` }]
      : []
  })
  const leaks = leaking.map((l) => l.leak)
  must.hold(leaks.length === 0, leaks.join('; '), 'no as_token or hs_token in any error answer', leaks.join('; '), leaking[0]?.exchange)
})
