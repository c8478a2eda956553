import { CheckFailure, describeResponse } from '../../../harness/scenario/index.js'
import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import { isJsonObject } from '../../../harness/http/parse-json.js'

/**
 * Every way an answer fails to be a rejection: a 4xx, whose body is a Matrix error (a JSON object
 * with a string errcode), with `errcode` when one is required. Empty when it is one.
 */
export function rejectionMismatches(exchange: HttpExchange, want: { errcode?: string } = {}): string[] {
  const response = exchange.response
  if (!response) return [`no answer: ${exchange.error}`]
  const mismatches: string[] = []
  if (response.status < 400 || response.status > 499) mismatches.push(`status got ${response.status} want a 4xx (the request must be rejected)`)
  const json = response.json
  if (!isJsonObject(json)) mismatches.push(`body is not a JSON object: ${describeResponse(exchange)}`)
  else if (typeof json.errcode !== 'string' || json.errcode === '')
    mismatches.push(`errcode got ${JSON.stringify(json.errcode ?? null)} want a non-empty string`)
  else if (want.errcode && json.errcode !== want.errcode) mismatches.push(`errcode got "${json.errcode}" want "${want.errcode}"`)
  return mismatches
}

/** The request must be rejected with a 4xx Matrix error (and `errcode`, if given). */
export function mustBeRejected(exchange: HttpExchange, want: { errcode?: string } = {}): void {
  const mismatches = rejectionMismatches(exchange, want)
  if (mismatches.length)
    throw new CheckFailure(mismatches, `a 4xx Matrix error${want.errcode ? ` with errcode "${want.errcode}"` : ''}`, describeResponse(exchange), exchange)
}

/** Each named request must be rejected so; the failure lists every case that is not, by name. */
export function mustEachBeRejected(cases: readonly { name: string; exchange: HttpExchange }[], expected: string, want: { errcode?: string } = {}): void {
  const failing = cases
    .map((c) => ({ exchange: c.exchange, mismatches: rejectionMismatches(c.exchange, want).map((m) => `${c.name}: ${m}`) }))
    .filter((c) => c.mismatches.length)
  const mismatches = failing.flatMap((c) => c.mismatches)
  if (mismatches.length) throw new CheckFailure(mismatches, expected, mismatches.join('; '), failing[0]!.exchange)
}
