import type { HttpExchange } from '../../../harness/clients/http-exchange'
import type { CheckContext } from '../../../harness/scenario'

/**
 * Whether a 200's duration_ms is an integer is HS-PING-OK's to grade: a check that reads it for
 * another purpose records that its failure follows from that one when the type is wrong.
 */
export function leaveDurationTypeToOk(t: CheckContext, exchange: HttpExchange): void {
  const duration = (exchange.response?.json as { duration_ms?: unknown } | null | undefined)?.duration_ms
  if (exchange.response?.status === 200 && !Number.isInteger(duration)) t.dependOn('HS-PING-OK', `its 200 has duration_ms ${JSON.stringify(duration) ?? 'absent'}, not an integer, which HS-PING-OK grades`)
}
