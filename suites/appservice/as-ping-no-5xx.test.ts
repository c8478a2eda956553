import { appserviceCheck, CheckFailure, describeResponse } from '../../harness/scenario/index.js'
import { badBodies } from './support/bad-bodies.js'

// A bad body is the caller's error: answer 4xx (or accept it), never fall over with a 5xx.
export default appserviceCheck('AS-PING-NO-5XX', async (t) => {
  await t.requirePingEndpoint()
  const exchanges = await Promise.all(badBodies.map((b) => t.ping({ token: t.credentials.hsToken, rawBody: b.rawBody })))
  t.note(badBodies.map((b, i) => `${b.name}: ${describeResponse(exchanges[i]!)}`).join('; '))
  const failing = badBodies.flatMap((b, i) => {
    const response = exchanges[i]!.response
    if (!response) return [`${b.name}: no answer (${exchanges[i]!.error})`]
    return response.status >= 500 ? [`${b.name}: status got ${response.status} want below 500`] : []
  })
  if (failing.length) throw new CheckFailure(failing, 'a 4xx (or 2xx) for every bad body', failing.join('; '))
})
