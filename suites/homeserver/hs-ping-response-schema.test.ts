import { check, must, respondOk } from '../../harness/scenario'
import { loadVendoredSpecs, createResponseValidator } from '../../harness/openapi'
import { errorProvokingPings } from './support/error-provoking-pings'

// Loaded while the check files load, before any check runs: its CPU work must not stall the round trips
// of the checks running alongside. A failed load still fails the check, as a fault of the suite.
const specs = await loadVendoredSpecs().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))

// Every answer must match the schema specs/client-server/appservice_ping.yaml documents for its status.
check('HS-PING-RESPONSE-SCHEMA', async (t) => {
  if (specs instanceof Error) throw specs
  const validator = createResponseValidator(specs)
  // 401 is the client-server API's general answer, not documented on this endpoint; the 401 checks cover it.
  const pings = errorProvokingPings(t).filter((p) => p.status !== 401)
  const ok = t.pingWith(respondOk).then((r) => r.exchange)
  const exchanges = await Promise.all([ok, ...pings.map((p) => p.send(t))])
  const names = ['valid ping', ...pings.map((p) => p.name)]
  const problems = exchanges.flatMap((exchange, i) => {
    if (!exchange.response) return [`${names[i]}: no answer (${exchange.error})`]
    if (exchange.response.json === undefined) return [`${names[i]}: HTTP ${exchange.response.status} body ${exchange.response.jsonProblem ?? 'is empty'}`]
    return validator
      .validate('pingAppservice', exchange.response.status, exchange.response.json)
      .map((m) => `${names[i]}: HTTP ${exchange.response!.status} ${m.path || '(body)'} ${m.message}`)
  })
  must.hold(problems.length === 0, problems.join('; '), 'every answer valid against its documented schema', problems.join('; '))
})
