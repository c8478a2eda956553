import { check, must } from '../../harness/scenario'

// 400: "The application service doesn't have a URL configured. The errcode is M_URL_NOT_SET." — and nothing is called.
check('HS-PING-URL-NOT-SET', async (t) => {
  const { noUrl } = t.appservices
  const { exchange, callbacks } = await t.collectUncorrelated(() =>
    t.ping({ appserviceId: noUrl.id, token: noUrl.asToken, body: { transaction_id: t.txn() } }),
  )
  must.matchResponse(exchange, { status: 400, errcode: 'M_URL_NOT_SET' })
  must.haveReceived(callbacks, 0, 'pings (an appservice without a url must not be called)')
})
