import { check, must } from '../../harness/scenario/index.js'

// Can't connect to appservice: the appservice resets the connection → 502 M_CONNECTION_FAILED.
export default check('HS-PING-CONNECTION-RESET', async (t) => {
  const { exchange } = await t.pingWith({ kind: 'reset' })
  must.matchResponse(exchange, { status: 502, errcode: 'M_CONNECTION_FAILED' })
})
