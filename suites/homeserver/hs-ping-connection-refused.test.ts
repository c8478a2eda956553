import { check, must } from '../../harness/scenario/index.js'

// Can't connect to appservice: HS -/-> AS; AS <--- HS 502 {"errcode": "M_CONNECTION_FAILED"}
export default check('HS-PING-CONNECTION-REFUSED', async (t) => {
  const { unreachable } = t.appservices
  const exchange = await t.ping({ appserviceId: unreachable.id, token: unreachable.asToken, body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, { status: 502, errcode: 'M_CONNECTION_FAILED' })
})
