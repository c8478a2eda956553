import { excerpt } from '../harness/assert/excerpt.js'
import { createRedactor } from '../harness/redact.js'
import type { Requirement } from '../harness/requirements/requirement.js'
import { runSecrets, type HomeserverRunContext } from '../harness/run-context.js'
import type { CheckResponses } from '../harness/scenario/observed-response.js'
import type { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { resultBase, type CheckResult } from './check-result.js'
import { gradeFailure } from './grade.js'
import { gradeResponseSchema, responseSchemaCheckId } from './response-schema-check.js'

/**
 * The homeserver checks graded once every scenario has finished, from what the whole run saw: the
 * stub's log, and the answers every check received (`observed`, from their meta).
 */
export async function postRunChecks(
  selected: readonly Requirement[],
  stub: StubAppservice,
  context: HomeserverRunContext,
  observed: readonly CheckResponses[],
): Promise<CheckResult[]> {
  const schemaEntry = selected.find((r) => r.id === responseSchemaCheckId)
  return [...noUnsolicited(selected, stub, context), ...(schemaEntry ? [await gradeResponseSchema(schemaEntry, observed, context)] : [])]
}

/**
 * HS-PING-NO-UNSOLICITED, graded from the stub's whole log once every scenario has finished:
 * a ping that no scenario can account for (none asked for it) is reported, never dropped.
 */
function noUnsolicited(selected: readonly Requirement[], stub: StubAppservice, context: HomeserverRunContext): CheckResult[] {
  const entry = selected.find((r) => r.id === 'HS-PING-NO-UNSOLICITED')
  if (!entry) return []
  const redactor = createRedactor(runSecrets(context))
  const strays = stub.unclaimed()
  const base = resultBase(entry, 0)
  if (strays.length === 0) return [{ ...base, status: 'pass' }]
  const lines = strays.map((r) => redactor.redact(`⇢ stub appservice received ${r.method} ${r.path} ${excerpt(r.bodyText, 200)} (no scenario asked for it)`))
  const mismatch = `${strays.length} ping(s) reached the stub appservice that no client ping asked for`
  // Pings the homeserver answered 200 whose transaction_id never arrived can account for that many strays.
  const lost = stub.lostTransactions().length
  const dependsOn =
    lost >= strays.length
      ? {
          checkId: 'HS-PING-TXN-PASSTHROUGH',
          reason: `${lost} client ping(s) were answered 200 without a call carrying their transaction_id, which accounts for the ${strays.length} call(s) the stub could not attribute`,
        }
      : undefined
  return [
    {
      ...base,
      status: gradeFailure(entry.level),
      message: mismatch,
      failure: { mismatches: [mismatch], expected: 'every ping answers a client ping of this run', actual: lines.join(' | ') },
      ...(dependsOn ? { dependsOn } : {}),
      transcript: [{ sent: '(no request from the suite)', callbacks: lines, received: '', curl: '' }],
    },
  ]
}
