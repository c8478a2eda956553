import { appserviceCheck } from '../../harness/scenario/index.js'
import { errorProvokingRequests } from './support/error-provoking-requests.js'
import { mustEachAnswer } from './support/each-answer.js'
import { leaksIn } from './support/leaks.js'

// Not in the spec, graded SHOULD: stack traces and paths help attackers; tokens in answers end up in logs.
export default appserviceCheck('AS-PING-NO-LEAKS', async (t) => {
  const { hsToken } = t.credentials
  const requests = [
    ...errorProvokingRequests(),
    { name: 'valid ping', send: () => t.validPing() },
    { name: 'unknown route', send: () => t.ping({ token: hsToken, path: '/_matrix/app/v1/as-ping-conformance-unknown' }) },
    { name: 'GET on the ping path', send: () => t.ping({ token: hsToken, method: 'GET' }) },
  ]
  const secrets = [t.credentials.hsToken, t.credentials.asToken].filter((s): s is string => Boolean(s))
  await mustEachAnswer(
    t,
    requests,
    ({ response }) => leaksIn(response?.bodyText ?? '', secrets).map((leak) => `the answer ${leak}`),
    'no stack trace, file path or token in any answer',
  )
})
