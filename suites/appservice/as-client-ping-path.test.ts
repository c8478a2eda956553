import { appserviceCheck, CheckFailure, pingAttempt } from '../../harness/scenario/index.js'
import { safeDecodeURIComponent as safeDecode } from '../../harness/http/safe-decode.js'
import { clientPingDialectAimedAt, pingPathIn, unstableGradingNote } from '../../harness/openapi/unstable-ping-endpoints.js'

// POST /_matrix/client/v1/appservice/{appserviceId}/ping, appserviceId being its own id as one path segment;
// or MSC2659's /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping, graded as such (issue 14).
export default appserviceCheck('AS-CLIENT-PING-PATH', async (t) => {
  const ping = pingAttempt(await t.firstPing())!
  // Declared to need the appservice's id: without it, skipped before it runs.
  const asId = t.credentials.asId!
  const dialect = clientPingDialectAimedAt(ping.rawPath)
  const template = pingPathIn(dialect, 'pingAppservice').split('/')
  const want = template.join('/').replace('{appserviceId}', encodeURIComponent(asId))
  const segments = ping.rawPath.split('/')
  const mismatches: string[] = []
  if (ping.method !== 'POST') mismatches.push(`method got ${ping.method} want POST`)
  const sameShape = segments.length === template.length && template.every((s, i) => s === '{appserviceId}' || segments[i] === s)
  if (!sameShape) mismatches.push(`path got '${ping.rawPath}' want '${want}'${hint(ping.rawPath, asId)}`)
  else {
    const segment = segments[template.indexOf('{appserviceId}')]!
    if (safeDecode(segment) !== asId)
      mismatches.push(
        `the path's appserviceId got '${segment}' (decoded: '${safeDecode(segment) ?? 'not valid percent-encoding'}') want '${encodeURIComponent(asId)}' (its own id)`,
      )
  }
  const notes = [
    ...(dialect === 'unstable' ? [`the appservice pinged ${ping.rawPath}: ${unstableGradingNote}`] : []),
    ...(encodeURIComponent(asId) === asId ? ['the appservice id has no characters that need percent-encoding, so encoding was not exercised'] : []),
  ]
  if (notes.length) t.note(notes.join('; '))
  if (mismatches.length) throw new CheckFailure(mismatches, `POST ${want}`, `${ping.method} ${ping.rawPath}`, undefined, 'call')
})

/** Why a path of the wrong shape is wrong, when it can be told. */
function hint(rawPath: string, asId: string): string {
  if (asId.includes('/') && rawPath.includes(asId)) return ' (the id\'s "/" must be percent-encoded)'
  // Synapse also routes /_matrix/client/unstable/appservice/{id}/ping, by accident (client_patterns' default unstable=True).
  if (rawPath.startsWith('/_matrix/client/unstable/appservice/'))
    return ` (MSC2659's unstable path is ${pingPathIn('unstable', 'pingAppservice')}; the unprefixed one is only Synapse's accident)`
  return ''
}
