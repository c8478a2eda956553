import { check, must } from '../../harness/scenario/index.js'
import { randomToken } from '../../harness/registration/random-token.js'

// "When credentials are required but … invalid, … 401 and the error code M_UNKNOWN_TOKEN"
export default check('HS-PING-UNKNOWN-TOKEN', async (t) => {
  const exchange = await t.ping({ appserviceId: t.appservices.main.id, token: randomToken('unknown'), body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, { status: 401, errcode: 'M_UNKNOWN_TOKEN' })
})
