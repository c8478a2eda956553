import { check, must } from '../../harness/scenario'

// 403: the token "belongs to a different appservice than the one in the path" → M_FORBIDDEN, and nobody is pinged.
check('HS-PING-OTHER-AS-TOKEN', async (t) => {
  const { main, noUrl, unreachable } = t.appservices
  // Each pairing catches a different shortcut: trusting the token's appservice, or the path's.
  const pairings = [
    { name: `${main.id} pinged with the as_token of ${unreachable.id}`, appserviceId: main.id, token: unreachable.asToken },
    { name: `${unreachable.id} pinged with the as_token of ${main.id}`, appserviceId: unreachable.id, token: main.asToken },
    { name: `${noUrl.id} pinged with the as_token of ${main.id}`, appserviceId: noUrl.id, token: main.asToken },
  ]
  const { result: exchanges, requests } = await t.stub.collectUncorrelated(() =>
    Promise.all(pairings.map((p) => t.ping({ appserviceId: p.appserviceId, token: p.token, body: { transaction_id: t.txn() } }))),
  )
  for (const exchange of exchanges) t.attach(exchange, requests.filter((r) => r.transactionId === JSON.parse(exchange.request.bodyText ?? '{}').transaction_id))
  must.matchEach(pairings.map((p, i) => ({ name: p.name, exchange: exchanges[i]!, want: { status: 403, errcode: 'M_FORBIDDEN' } })))
  must.haveReceived(requests, 0, 'pings (a forbidden ping must not reach any appservice)')
})
