import { check, must, mustBeJsonContentType, respondOk } from '../../harness/scenario'

// The ping's body is JSON; the homeserver says so, as every client-server request with a body does.
check('HS-PING-AS-CONTENT-TYPE', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  mustBeJsonContentType(callbacks[0]!.headers['content-type'], 'the call to the appservice')
})
