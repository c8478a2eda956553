import type { HomeserverRunContext } from '../harness/run-context.js'
import { CheckContext, type PingWithResult } from '../harness/scenario/check-context.js'
import { headStarts } from '../harness/scenario/head-start.js'

/**
 * Sends the head-start pings of the selected checks (harness/scenario/head-start.ts) now, before
 * vitest starts, and files each pending result under its check id for the stub control server.
 */
export function sendHeadStarts(checkIds: readonly string[], context: HomeserverRunContext, into: Map<string, Promise<PingWithResult>>): void {
  for (const id of checkIds) {
    const start = headStarts[id]
    if (!start) continue
    const t = new CheckContext(context, id)
    // Its 429s travel with the result: the check's own context in the worker reports them.
    const result = start(t).then((r) => ({ ...r, rateLimited: t.rateLimits.requests }))
    // A failure reaches the check through the control server; it must not also crash the runner.
    result.catch(() => undefined)
    into.set(id, result)
  }
}
