import { appserviceCheck, describeResponse } from '../../harness/scenario/index.js'
import { isJsonObject } from '../../harness/http/parse-json.js'
import { errorProvokingRequests } from './support/error-provoking-requests.js'
import { mustEachAnswer } from './support/each-answer.js'

// Every error of the ping endpoint is a standard error response: a JSON object with a string errcode.
export default appserviceCheck('AS-PING-ERROR-BODY', async (t) => {
  await t.requirePingEndpoint()
  await mustEachAnswer(
    t,
    errorProvokingRequests(),
    (exchange) => {
      const response = exchange.response
      if (!response || response.status < 400) return []
      const json = response.json
      return isJsonObject(json) && typeof json.errcode === 'string' && json.errcode !== ''
        ? []
        : [`${describeResponse(exchange)} is not a JSON object with a non-empty string errcode`]
    },
    'every error answer: {"errcode": "…", …}',
  )
})
