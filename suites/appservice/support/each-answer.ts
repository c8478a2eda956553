import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import { CheckFailure, type AppserviceCheckContext } from '../../../harness/scenario/index.js'
import type { ErrorProvokingRequest } from './error-provoking-requests.js'

/**
 * Sends the requests at once, then holds each answer to one rule: `mismatches` says what is wrong
 * with an exchange (nothing when it is right). The check fails with every mismatch, each named
 * after its request and redacted, and `expected` as the rule in a few words.
 */
export async function mustEachAnswer(
  t: AppserviceCheckContext,
  requests: readonly ErrorProvokingRequest[],
  mismatches: (exchange: HttpExchange) => string[],
  expected: string,
): Promise<void> {
  const exchanges = await Promise.all(requests.map((r) => r.send(t)))
  const each = requests.map((r, i) => mismatches(exchanges[i]!).map((m) => t.redactor.redact(`${r.name}: ${m}`)))
  const failing = each.flat()
  if (failing.length) throw new CheckFailure(failing, expected, failing.join('; '), exchanges[each.findIndex((m) => m.length > 0)])
}
