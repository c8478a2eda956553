import { check, must } from '../../harness/scenario'
import { errorProvokingPings } from './support/error-provoking-pings'

const isJsonContentType = (value: string | undefined) => value !== undefined && /^application\/json\s*(;|$)/i.test(value)

// produces: application/json — error answers included.
check('HS-PING-ERROR-CONTENT-TYPE', async (t) => {
  const pings = errorProvokingPings(t)
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  must.matchEach(pings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want: { status: p.status, headers: { 'content-type': isJsonContentType } } })))
})
