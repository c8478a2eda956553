import { requestDeadlineMs } from '../deadlines.js'
import type { CheckContext, PingWithResult } from './check-context.js'

/**
 * A check's first ping, sent by the runner before vitest starts. Only for pings whose answer
 * takes the homeserver's own appservice timeout: their wait then overlaps vitest's startup
 * instead of following it. The check reads the result with `t.headStart()`; the exchange and
 * what the stub saw are exactly what `t.pingWith` would have given it, settle wait included.
 */
export type HeadStart = (t: CheckContext) => Promise<PingWithResult>

/** By check id. */
export const headStarts: Readonly<Record<string, HeadStart>> = {
  // The appservice never answers: the homeserver must give up on its own, after --hs-timeout-ms.
  'HS-PING-TIMEOUT': (t) => t.pingWith({ kind: 'hang' }, { timeoutMs: requestDeadlineMs(t.run.hsTimeoutMs) }),
}
