import { appserviceCheck, must } from '../../harness/scenario/index.js'

// M_NOT_JSON: "Request did not contain valid JSON."
export default appserviceCheck('AS-PING-MALFORMED-JSON', async (t) => {
  await t.requirePingEndpoint()
  must.matchResponse(await t.ping({ token: t.credentials.hsToken, rawBody: '{"transaction_id": ' }), { status: 400, errcode: 'M_NOT_JSON' })
})
