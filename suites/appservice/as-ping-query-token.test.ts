import { appserviceCheck, describeResponse } from '../../harness/scenario/index.js'

// INFO: the legacy access_token query parameter; accepting and rejecting it are both seen in the wild.
export default appserviceCheck('AS-PING-QUERY-TOKEN', async (t) => {
  await t.requirePingEndpoint()
  const exchange = await t.ping({ token: t.credentials.hsToken, tokenIn: 'query', body: { transaction_id: t.txn() } })
  const status = exchange.response?.status
  const choice = status !== undefined && status >= 200 && status < 300 ? 'accepted' : 'rejected'
  t.note(`the hs_token only in ?access_token= was ${choice}: ${describeResponse(exchange)}`)
})
