import { check, must } from '../../harness/scenario/index.js'
import { appserviceErrorAnswers } from './support/appservice-error-answers.js'

// Incorrect hs_token: HS <--- AS 403 {"errcode": "M_FORBIDDEN"}; AS <--- HS 502 {"errcode": "M_BAD_STATUS", …}
export default check('HS-PING-BAD-STATUS', async (t) => {
  const results = await Promise.all(appserviceErrorAnswers.map((a) => t.pingWith(a.outcome)))
  must.matchEach(
    results.map(({ exchange }, i) => ({
      name: `appservice answers ${appserviceErrorAnswers[i]!.name}`,
      exchange,
      want: { status: 502, errcode: 'M_BAD_STATUS' },
    })),
  )
})
