import { appserviceCheck, describeContentType, isJsonContentType } from '../../harness/scenario/index.js'
import { errorProvokingRequests } from './support/error-provoking-requests.js'
import { mustEachAnswer } from './support/each-answer.js'

// produces: application/json — for the 200 and for every error answer.
export default appserviceCheck('AS-PING-CONTENT-TYPE', async (t) => {
  await t.requirePingEndpoint()
  const requests = [{ name: 'valid ping', send: () => t.validPing() }, ...errorProvokingRequests()]
  await mustEachAnswer(
    t,
    requests,
    ({ response }) => {
      const contentType = response?.headers['content-type']
      return !response || isJsonContentType(contentType) ? [] : [`HTTP ${response.status} with ${describeContentType(contentType)}`]
    },
    'Content-Type: application/json on every answer',
  )
})
