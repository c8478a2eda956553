import { appserviceCheck, must } from '../../harness/scenario/index.js'

// "a 405 M_UNRECOGNIZED error is used to denote an unsupported method to a known endpoint."
export default appserviceCheck('AS-PING-WRONG-METHOD', async (t) => {
  await t.requirePingEndpoint()
  const { hsToken } = t.credentials
  must.matchEach([
    { name: 'GET', exchange: await t.ping({ token: hsToken, method: 'GET' }), want: { status: 405, errcode: 'M_UNRECOGNIZED' } },
    { name: 'PUT', exchange: await t.ping({ token: hsToken, method: 'PUT', body: {} }), want: { status: 405, errcode: 'M_UNRECOGNIZED' } },
  ])
})
