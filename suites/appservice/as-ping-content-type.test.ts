import { appserviceCheck, CheckFailure, isJsonContentType } from '../../harness/scenario'
import { errorProvokingRequests } from './support/error-provoking-requests'

// produces: application/json — for the 200 and for every error answer.
export default appserviceCheck('AS-PING-CONTENT-TYPE', async (t) => {
  await t.requirePingEndpoint()
  const requests = [{ name: 'valid ping', send: () => t.validPing() }, ...errorProvokingRequests()]
  const exchanges = await Promise.all(requests.map((r) => r.send(t)))
  const failing = requests.flatMap((r, i) => {
    const response = exchanges[i]!.response
    if (!response) return []
    const contentType = response.headers['content-type']
    return isJsonContentType(contentType) ? [] : [`${r.name}: HTTP ${response.status} with ${contentType ? `Content-Type: ${contentType}` : 'no Content-Type'}`]
  })
  if (failing.length) throw new CheckFailure(failing, 'Content-Type: application/json on every answer', failing.join('; '))
})
