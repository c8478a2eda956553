import type { HttpExchange } from '../../harness/clients/http-exchange'
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
  // The valid ping's duration_ms is HS-PING-OK's to grade.
  const pings = [{ name: 'valid ping', fieldsGradedBy: 'HS-PING-OK', send: () => t.pingWith(respondOk).then((r) => r.exchange) }, ...errorProvokingPings(t).filter((p) => p.status !== 401)]
  const exchanges = await Promise.all(pings.map((p) => p.send(t)))
  const found = pings.map((p, i) => problemsOf(exchanges[i]!, p.name))
  const invalid = pings.filter((_, i) => found[i]!.length > 0)
  const problems = found.flat()
  // A schema problem in an answer whose fields another check grades is that check's: one root cause, one failure.
  const owners = new Set(invalid.map((p) => p.fieldsGradedBy))
  const [owner] = owners
  if (owners.size === 1 && owner) t.dependOn(owner, `every answer that breaks its schema is one whose fields ${owner} grades`)
  must.hold(problems.length === 0, problems.join('; '), 'every answer valid against its documented schema', problems.join('; '))

  function problemsOf(exchange: HttpExchange, name: string): string[] {
    if (!exchange.response) return [`${name}: no answer (${exchange.error})`]
    if (exchange.response.json === undefined) return [`${name}: HTTP ${exchange.response.status} body ${exchange.response.jsonProblem ?? 'is empty'}`]
    return validator.validate('pingAppservice', exchange.response.status, exchange.response.json).map((m) => `${name}: HTTP ${exchange.response!.status} ${m.path || '(body)'} ${m.message}`)
  }
})
