import { appserviceCheck, mustBeJsonContentType, pingAttempt } from '../../harness/scenario/index.js'

// consumes: application/json — the appservice's own ping says its body is JSON.
export default appserviceCheck('AS-CLIENT-PING-CONTENT-TYPE', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  mustBeJsonContentType(ping.headers['content-type'], 'its ping')
})
