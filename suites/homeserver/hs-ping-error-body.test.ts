import { check, match, must } from '../../harness/scenario'
import { errorProvokingPings } from './support/error-provoking-pings'

// Standard error response: a JSON object with a string errcode.
check('HS-PING-ERROR-BODY', async (t) => {
  const pings = errorProvokingPings(t)
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  must.matchEach(
    pings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want: { status: p.status, json: [match.isObject(), match.keyType('errcode', 'string')] } })),
  )
})
