import { check, isJsonContentType, must, respondOk } from '../../harness/scenario'

// The ping's body is JSON; the homeserver says so, as every client-server request with a body does.
check('HS-PING-AS-CONTENT-TYPE', async (t) => {
  const { callbacks } = await t.pingWith(respondOk)
  must.haveReceived(callbacks, 1, 'pings carrying the transaction_id')
  const contentType = callbacks[0]!.headers['content-type']
  must.hold(
    isJsonContentType(contentType),
    contentType ? `the call to the appservice was sent as ${contentType}` : 'the call to the appservice had no Content-Type',
    'Content-Type: application/json',
    contentType ? `Content-Type: ${contentType}` : 'no Content-Type header',
  )
})
