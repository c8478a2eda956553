import { appserviceCheck, CheckFailure, pingAttempt } from '../../harness/scenario/index.js'
import { safeDecodeURIComponent as safeDecode } from '../../harness/http/safe-decode.js'

// POST /_matrix/client/v1/appservice/{appserviceId}/ping, appserviceId being its own id as one path segment.
export default appserviceCheck('AS-CLIENT-PING-PATH', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  // Declared to need the appservice's id: without it, skipped before it runs.
  const asId = t.credentials.asId!
  const want = `/_matrix/client/v1/appservice/${encodeURIComponent(asId)}/ping`
  const segments = ping.rawPath.split('/')
  const prefix = ['', '_matrix', 'client', 'v1', 'appservice']
  const mismatches: string[] = []
  if (ping.method !== 'POST') mismatches.push(`method got ${ping.method} want POST`)
  const sameShape = segments.length === prefix.length + 2 && prefix.every((s, i) => segments[i] === s) && segments.at(-1) === 'ping'
  if (!sameShape)
    mismatches.push(
      `path got '${ping.rawPath}' want '${want}'${asId.includes('/') && ping.rawPath.includes(asId) ? ' (the id\'s "/" must be percent-encoded)' : ''}`,
    )
  else if (safeDecode(segments[5]!) !== asId)
    mismatches.push(
      `the path's appserviceId got '${segments[5]}' (decoded: '${safeDecode(segments[5]!) ?? 'not valid percent-encoding'}') want '${encodeURIComponent(asId)}' (its own id)`,
    )
  if (mismatches.length) throw new CheckFailure(mismatches, `POST ${want}`, `${ping.method} ${ping.rawPath}`, undefined, 'call')
  if (encodeURIComponent(asId) === asId) t.note('the appservice id has no characters that need percent-encoding, so encoding was not exercised')
})
