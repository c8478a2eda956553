import { check, must } from '../../harness/scenario/index.js'

// "When credentials are required but missing … 401 and the error code M_MISSING_TOKEN"
export default check('HS-PING-MISSING-TOKEN', async (t) => {
  const exchange = await t.ping({ appserviceId: t.appservices.main.id, body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, { status: 401, errcode: 'M_MISSING_TOKEN' })
})
