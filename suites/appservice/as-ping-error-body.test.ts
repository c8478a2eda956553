import { appserviceCheck, CheckFailure, describeResponse } from '../../harness/scenario'
import { isJsonObject } from '../../harness/http/parse-json'
import { errorProvokingRequests } from './support/error-provoking-requests'

// Every error of the ping endpoint is a standard error response: a JSON object with a string errcode.
export default appserviceCheck('AS-PING-ERROR-BODY', async (t) => {
  await t.requirePingEndpoint()
  const requests = errorProvokingRequests()
  const exchanges = await Promise.all(requests.map((r) => r.send(t)))
  const failing = requests.flatMap((r, i) => {
    const response = exchanges[i]!.response
    if (!response || response.status < 400) return []
    const json = response.json
    return isJsonObject(json) && typeof json.errcode === 'string' && json.errcode !== '' ? [] : [`${r.name}: ${describeResponse(exchanges[i]!)} is not a JSON object with a non-empty string errcode`]
  })
  if (failing.length) throw new CheckFailure(failing, 'every error answer: {"errcode": "…", …}', failing.join('; '))
})
