import { check, must } from '../../harness/scenario'

/** How much longer than the homeserver's own timeout the suite waits before calling it a hang. */
export function timeoutMarginMs(hsTimeoutMs: number): number {
  return Math.max(5_000, Math.round(hsTimeoutMs * 0.25))
}

// 504: "The connection to the application service timed out." The spec sets no timeout, so the
// suite waits for the homeserver's own (--hs-timeout-ms) plus a margin.
check(
  'HS-PING-TIMEOUT',
  async (t) => {
    const clientTimeoutMs = t.run.hsTimeoutMs + timeoutMarginMs(t.run.hsTimeoutMs)
    const { exchange } = await t.pingWith({ kind: 'hang' }, { timeoutMs: clientTimeoutMs })
    t.note(`the homeserver answered after ${Math.round(exchange.durationMs)} ms (its timeout was given as ${t.run.hsTimeoutMs} ms)`)
    must.matchResponse(exchange, { status: 504, errcode: 'M_CONNECTION_TIMEOUT' })
  },
  { timeoutMs: (run) => run.hsTimeoutMs + timeoutMarginMs(run.hsTimeoutMs) + 10_000 },
)
