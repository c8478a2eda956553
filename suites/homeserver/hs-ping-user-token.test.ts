import { check, must, SkipCheck } from '../../harness/scenario'

// "This API cannot be invoked by users who are not identified as application services." → 403 M_FORBIDDEN
check('HS-PING-USER-TOKEN', async (t) => {
  if (!t.run.userToken) throw new SkipCheck("no ordinary user's token was given: pass --user-token (or CONFORMANCE_USER_TOKEN)")
  const exchange = await t.ping({ appserviceId: t.appservices.main.id, token: t.run.userToken, body: { transaction_id: t.txn() } })
  must.matchResponse(exchange, { status: 403, errcode: 'M_FORBIDDEN' })
})
