import { createResponseValidator, loadVendoredSpecs } from '../harness/openapi/index.js'
import { withStableErrcode, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { createRedactor } from '../harness/redact.js'
import type { Requirement } from '../harness/requirements/requirement.js'
import { runSecrets, type HomeserverRunContext } from '../harness/run-context.js'
import type { CheckDependency } from '../harness/scenario/check-meta.js'
import type { CheckResponses, ObservedResponse } from '../harness/scenario/observed-response.js'
import { resultBase, type CheckResult } from './check-result.js'
import { gradeFailure } from './grade.js'
import { fieldOwner } from './schema-field-owners.js'

export const responseSchemaCheckId = 'HS-PING-RESPONSE-SCHEMA'

/** One way answers broke their schema, and where it was seen. */
interface Break {
  problem: string
  checks: Set<string>
  count: number
  /** The first such answer, shown in the report. */
  example: ObservedResponse
  /** The check whose failure this is, when another one grades the field; 'none' when no check does. */
  owner: CheckDependency | 'none' | 'senders'
}

/**
 * HS-PING-RESPONSE-SCHEMA, graded after the run from every answer any check received (observed-response.ts),
 * the 504 of HS-PING-TIMEOUT included: one observer for the whole run, not a check of its own pings.
 * Validated here, in the runner's process once the checks are done, rather than in the checks' worker:
 * the specs load once per run and no validation competes with a round trip the checks are timing.
 * Each shard grades the answers of its own checks; merge keeps the worst.
 *
 * What is graded is the rule of the former per-check version: every answer with a documented status
 * against that status's schema, and an undocumented status only for a request the operation documents
 * (documented-request.ts). A 429 is left to the rate-limit handling (the check is skipped or retried).
 */
export async function gradeResponseSchema(
  entry: Requirement,
  observed: readonly CheckResponses[],
  context: Pick<HomeserverRunContext, 'appservices' | 'userToken' | 'dialect'>,
): Promise<CheckResult> {
  const startedAt = performance.now()
  // A failed load is a fault of the suite (broken install): it fails the run like any other.
  const specs = await loadVendoredSpecs()
  const validator = createResponseValidator(specs)
  const { responses } = specs.operations.pingAppservice
  const documented = Object.keys(responses).filter((s) => s !== 'default')
  const breaks = new Map<string, Break>()
  let validated = 0
  const lost = observed.flatMap((c) => c.responses.filter((r) => r.lost).map(() => c.checkId))
  for (const { checkId, responses: answers } of observed) {
    for (const answer of answers) {
      if (answer.status === 429) continue
      const isDocumented = String(answer.status) in responses || 'default' in responses
      if (!isDocumented && !answer.documentedRequest) continue
      validated++
      for (const { problem, path } of problemsOf(answer, isDocumented)) {
        const owner = ownerOf(answer, path, context.dialect)
        const key = `${problem}\n${ownerKey(owner)}`
        const seen = breaks.get(key) ?? { problem, checks: new Set<string>(), count: 0, example: answer, owner }
        seen.checks.add(checkId)
        seen.count++
        breaks.set(key, seen)
      }
    }
  }

  function problemsOf(answer: ObservedResponse, isDocumented: boolean): { problem: string; path: string }[] {
    const http = `HTTP ${answer.status}`
    if (!isDocumented) return [{ problem: `${http}, a status the endpoint does not document (documented: ${documented.join(', ')})`, path: undocumentedStatus }]
    if (answer.json === undefined) return [{ problem: `${http} body ${answer.jsonProblem ?? 'is empty'}`, path: '' }]
    // MSC2659's unstable endpoints may say FI.MAU.MSC2659_BAD_STATUS where the schema's enum says M_BAD_STATUS: validated as the spec's spelling.
    return validator
      .validate('pingAppservice', answer.status, context.dialect === 'unstable' ? withStableErrcode(answer.json) : answer.json)
      .map((m) => ({ problem: `${http} ${m.path || '(body)'} ${m.message}`, path: m.path }))
  }

  const redactor = createRedactor(runSecrets(context))
  const base = resultBase(entry, Math.round(performance.now() - startedAt))
  const dependsOn = dependencyOf([...breaks.values()], lost)
  const withDependency = dependsOn ? { dependsOn } : {}
  if (validated === 0)
    return {
      ...base,
      status: 'skip',
      message: "no answer of the ping endpoint to validate: this check grades the answers to the other checks' pings, so select some of them too",
    }
  const checks = observed.filter((c) => c.responses.length > 0).length
  if (breaks.size === 0)
    return {
      ...base,
      status: 'pass',
      message: `${validated} answers to the pings of ${checks} checks valid against their documented schemas`,
      ...withDependency,
    }
  const mismatches = [...breaks.values()].map((b) => `${b.problem}, in ${b.count} answer(s) to pings of ${[...b.checks].join(', ')}`)
  return redactor.redactValue({
    ...base,
    status: gradeFailure(entry.level),
    message: mismatches.join('; '),
    failure: { mismatches, expected: 'every answer valid against the schema specs/ documents for its status', actual: mismatches.join('; ') },
    transcript: [...breaks.values()].map((b) => b.example.entry),
    // Re-running this check alone sends nothing: the checks whose answers broke reproduce it.
    reproduceWith: [...new Set([...breaks.values()].flatMap((b) => [...b.checks]))],
    ...withDependency,
  })
}

/** Not a JSON pointer: the break is the answer's status itself. */
const undocumentedStatus = '#status'

/** Whose fault a break in this answer is, when not this check's ('senders': whichever check that got such an answer fails on it). */
function ownerOf(answer: ObservedResponse, path: string, dialect: PingDialect): CheckDependency | 'none' | 'senders' {
  // Not the answer its check arranged: whatever it looks like, the lost transaction_id is the cause.
  if (answer.lost)
    return {
      checkId: 'HS-PING-TXN-PASSTHROUGH',
      reason: 'every answer that breaks its schema answers a ping whose arranged answer was never given (no call carried its transaction_id)',
    }
  // The checks that sent the pings name the statuses they want: one that fails on a status no schema documents owns it.
  if (path === undocumentedStatus) return 'senders'
  const field = fieldOwner(answer.status, answer.json, path, dialect)
  if (!field) return 'none'
  // A field owned for one root cause (the unstable errcode spelling) is the owner's only when the owner's own failure shows it.
  return {
    checkId: field.checkId,
    reason: `every answer that breaks its schema does so in ${field.what}, which ${field.checkId} grades`,
    ...(field.cause === undefined ? {} : { cause: field.cause }),
  }
}

/**
 * Whose failure this one follows from: the one check that grades every broken field; else, with no
 * break at all, HS-PING-TXN-PASSTHROUGH when pings lost the answers their checks arranged, since the
 * answers this check was to validate (502s, 504s) were then never given.
 */
function dependencyOf(breaks: readonly Break[], lost: readonly string[]): CheckDependency | undefined {
  if (breaks.length === 0) {
    if (lost.length === 0) return undefined
    return {
      checkId: 'HS-PING-TXN-PASSTHROUGH',
      reason: `${lost.length} ping(s) of ${new Set(lost).size} check(s) were answered as if the appservice had been called, but no call carried their transaction_id, so the answers their checks arranged were never given nor validated`,
    }
  }
  if (breaks.every((b) => b.owner === 'senders')) return sendersDependency(breaks)
  const owners = new Set(breaks.map((b) => ownerKey(b.owner)))
  const [first] = breaks
  if (owners.size !== 1 || !first || typeof first.owner === 'string') return undefined
  return first.owner
}

/** Breaks of one owner, for the same root cause, are one owner's. */
function ownerKey(owner: Break['owner']): string {
  return typeof owner === 'string' ? owner : `${owner.checkId}${owner.cause === undefined ? '' : `:${owner.cause}`}`
}

/** Undocumented statuses only: owned by whichever check that got every one of them fails (the one that asked for another status). */
function sendersDependency(breaks: readonly Break[]): CheckDependency | undefined {
  const [first, ...rest] = breaks
  const candidates = [...(first?.checks ?? [])].filter((id) => rest.every((b) => b.checks.has(id)))
  const [checkId, ...orAnyOf] = candidates
  if (checkId === undefined) return undefined
  const reason = `every answer that breaks its schema has a status the endpoint does not document, and the check that asked for a documented one grades that status`
  return { checkId, reason, ...(orAnyOf.length > 0 ? { orAnyOf } : {}) }
}
