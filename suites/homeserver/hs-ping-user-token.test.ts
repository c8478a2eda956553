import { check, must } from '../../harness/scenario/index.js'

// "This API cannot be invoked by users who are not identified as application services." → 403 M_FORBIDDEN
export default check('HS-PING-USER-TOKEN', async (t) => {
  // It declares the need for a user token (harness/requirements): without one it is skipped before it runs.
  const exchange = await t.ping({ appserviceId: t.appservices.main.id, token: t.run.userToken!, body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, { status: 403, errcode: 'M_FORBIDDEN' })
})
