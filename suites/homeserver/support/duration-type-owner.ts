import type { HttpExchange } from '../../../harness/clients/http-exchange.js'
import type { CheckContext } from '../../../harness/scenario/index.js'
import type { CheckDependency } from '../../../harness/scenario/check-meta.js'

/**
 * Whether a 200's duration_ms is an integer is HS-PING-OK's to grade: a check that reads it for
 * another purpose records that its failure follows from that one when the type is wrong.
 */
export function leaveDurationTypeToOk(t: CheckContext, exchange: HttpExchange): void {
  const owner = durationTypeOwner(exchange)
  if (owner) t.dependOn(owner.checkId, owner.reason)
}

/** HS-PING-OK, when this exchange is a 200 whose duration_ms is no integer. */
export function durationTypeOwner(exchange: HttpExchange): CheckDependency | undefined {
  const duration = (exchange.response?.json as { duration_ms?: unknown } | null | undefined)?.duration_ms
  if (exchange.response?.status !== 200 || Number.isInteger(duration)) return undefined
  return {
    checkId: 'HS-PING-OK',
    reason: `its 200 has duration_ms ${(JSON.stringify(duration) as string | undefined) ?? 'absent'}, not an integer, which HS-PING-OK grades`,
  }
}
