import { appserviceCheck, CheckFailure, pingAttempt } from '../../harness/scenario/index.js'
import { isJsonObject, parseJson } from '../../harness/http/parse-json.js'

// The body is a JSON object; transaction_id, if sent, is a string (it is passed through as-is).
export default appserviceCheck('AS-CLIENT-PING-BODY', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  const body = parseJson(ping.bodyText)
  const mismatches: string[] = []
  if (body === undefined) mismatches.push(`body is not JSON: '${ping.bodyText.slice(0, 200)}'`)
  else if (!isJsonObject(body)) mismatches.push('body is JSON but not an object')
  else if ('transaction_id' in body && typeof body.transaction_id !== 'string')
    mismatches.push(`transaction_id got ${JSON.stringify(body.transaction_id)} want a string`)
  if (mismatches.length) throw new CheckFailure(mismatches, '{} or {"transaction_id": "<string>"}', ping.bodyText.slice(0, 200), undefined, 'call')
  t.note(isJsonObject(body) && 'transaction_id' in body ? 'the appservice sent a transaction_id' : 'the appservice sent no transaction_id')
})
