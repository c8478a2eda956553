import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

// "should ensure both match if both are provided": when they do match, the ping goes through.
export default appserviceCheck('AS-PING-BOTH-TOKENS', async (t) => {
  await t.skipIfRejectsUnsolicited()
  const { hsToken } = t.credentials
  must.matchResponse(await t.ping({ token: hsToken, queryToken: hsToken, body: { transaction_id: t.txn() } }), { status: 200, json: [match.isObject()] })
})
