import { check, must, mustBeJsonContentType, respondOk } from '../../harness/scenario/index.js'

// The ping's body is JSON; the homeserver says so, as every client-server request with a body does.
export default check('HS-PING-AS-CONTENT-TYPE', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  // Every call is graded; how many there are is HS-PING-FORWARDED-ONCE's business.
  must.haveReceivedSome(callbacks, 'pings carrying the transaction_id')
  for (const { headers } of callbacks) mustBeJsonContentType(headers['content-type'], 'the call to the appservice')
})
