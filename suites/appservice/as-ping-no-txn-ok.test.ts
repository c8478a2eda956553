import { appserviceCheck, match, must } from '../../harness/scenario/index.js'

// transaction_id is optional: a homeserver relays a client ping that had none.
export default appserviceCheck('AS-PING-NO-TXN-OK', async (t) => {
  await t.skipIfRejectsUnsolicited()
  must.matchResponse(await t.validPing({}), { status: 200, json: [match.isObject()] })
})
