import { appserviceCheck, CheckFailure, isNoPing, SkipCheck } from '../../harness/scenario/index.js'

// "Appservices may use this mechanism": graded only when the run was told this appservice pings as it starts.
export default appserviceCheck('AS-CLIENT-PINGS', async (t) => {
  const result = await t.target.homeserver.firstPing()
  if (!isNoPing(result)) return
  if (!result.expected) throw new SkipCheck(`not graded (pass --expect-ping if the appservice pings as it starts): ${result.unavailable}`)
  throw new CheckFailure([result.unavailable], 'a ping of its own as it starts', 'none')
})
