import { appserviceCheck, isJsonContentType, must, pingAttempt } from '../../harness/scenario'

// consumes: application/json — the appservice's own ping says its body is JSON.
export default appserviceCheck('AS-CLIENT-PING-CONTENT-TYPE', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  const contentType = ping.headers['content-type']
  must.hold(
    isJsonContentType(contentType),
    contentType ? `its ping was sent as ${contentType}` : 'its ping had no Content-Type',
    'Content-Type: application/json',
    contentType ? `Content-Type: ${contentType}` : 'no Content-Type header',
  )
})
