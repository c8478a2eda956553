import { describeExpectation, describeResponse, responseMismatches, type ResponseExpectation } from '../harness/assert/must.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import type { HttpExchange } from '../harness/clients/http-exchange.js'
import { requestDeadlineMs } from '../harness/deadlines.js'
import { RateLimitLog } from '../harness/http/rate-limit.js'
import { createRedactor, type Redactor } from '../harness/redact.js'
import type { Requirement } from '../harness/requirements/requirement.js'
import { runSecrets, type HomeserverRunContext } from '../harness/run-context.js'
import { aloneAnswerFor, answerLikeAlone, mixedPing, pingEachKindAlone, type MixedPing } from '../harness/scenario/concurrent-ping-mix.js'
import { lateStubReason, timedOutBeforeStubAnswer } from '../harness/scenario/late-stub-answer.js'
import { stubAppservice, transcribe, type TranscriptEntry } from '../harness/scenario/transcript.js'
import type { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { resultBase, type CheckResult } from './check-result.js'
import { gradeFailure } from './grade.js'
import { LatencyHistogram } from './latency-histogram.js'
import { percentiles, round1, type LoadStats } from './load-stats.js'

/** --load N --concurrency C */
export interface LoadOptions {
  pings: number
  concurrency: number
}

/** How many failing pings the report shows in full; the others are counted. */
const shownFailures = 5

/** A failing ping the report shows, taken when it was graded: the stub forgets it right after. */
interface FailingPing {
  ping: MixedPing
  exchange: HttpExchange
  mismatches: string[]
  /** What it should have got: what its kind of outcome got alone. */
  want: ResponseExpectation
  transcript: TranscriptEntry
}

/**
 * HS-PING-LOAD: N pings of the concurrent mix (harness/scenario/concurrent-ping-mix.ts), C in
 * flight at a time, sent from the runner straight against the stub appservice in this process:
 * no vitest, since the hot loop is also the throughput measurement. Every answer is checked
 * against its own ping's outcome; one that is not its own is a cross-talk bug. Each ping is made,
 * arranged, graded and forgotten in turn, its latencies kept in histograms: the memory a load
 * takes does not grow with N (the first few failing pings are kept to be shown).
 */
export async function runLoadCheck(
  entry: Requirement,
  stub: StubAppservice,
  context: HomeserverRunContext,
  options: LoadOptions,
): Promise<{ result: CheckResult; stats: LoadStats }> {
  const prefix = `${context.runId}.${entry.id.toLowerCase()}.`
  stub.holdOnlyUngraded(prefix)
  // Each ping gets the usual request deadline; the run's deadline bounds the checks, not a load of any size.
  const rateLimits = new RateLimitLog()
  const client = new HomeserverClient(context.hsUrl, requestDeadlineMs(context.hsTimeoutMs), Infinity, context.tls, rateLimits.observe, context.dialect)
  const { main } = context.appservices
  const send = (ping: MixedPing) => {
    stub.arrange(ping.transactionId, ping.outcome)
    return client.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: ping.transactionId } })
  }
  const aloneId = (i: number) => `${prefix}alone.${i + 1}`
  const alone = await pingEachKindAlone(aloneId, send)
  // A timeout the stub's answer could not have beaten is the machine's slowness (HS-PING-CONCURRENT's rule): that ping, or every ping of a kind whose alone ping it was, is not graded.
  const lateStub = ({ transactionId, outcome }: MixedPing, exchange: HttpExchange) =>
    timedOutBeforeStubAnswer({ exchange, outcome, callbacks: stub.requestsFor(transactionId) }, context.hsTimeoutMs)
  const lateAlone = new Set(alone.filter((a) => lateStub(a, a.exchange)))
  const redactor = createRedactor(runSecrets(context))
  const roundTrips = new LatencyHistogram()
  const reported = new LatencyHistogram()
  const shown: FailingPing[] = []
  let failing = 0
  let notGraded = 0
  /** Graded pings the stub answered: only they can get another ping's answer. */
  let gradedAnswers = 0
  const grade = (i: number, ping: MixedPing, exchange: HttpExchange) => {
    roundTrips.record(exchange.durationMs)
    const duration = reportedDuration(exchange)
    if (duration !== undefined) reported.record(duration)
    const yardstick = aloneAnswerFor(i, alone)
    const late = lateAlone.has(yardstick) || lateStub(ping, exchange)
    if (late) notGraded++
    const want = late ? undefined : answerLikeAlone(ping.outcome, yardstick)
    if (want && ping.outcome.kind === 'respond') gradedAnswers++
    // A 429 the suite gave up on is the limiter's answer, not the ping's: counted in rateLimited, not graded.
    const mismatches = want && exchange.response?.status !== 429 ? responseMismatches(exchange, want) : []
    if (want && mismatches.length && failing++ < shownFailures) {
      const transcript = transcribe(exchange, stub.requestsFor(ping.transactionId), redactor, { baseUrl: context.hsUrl, needs: stubAppservice })
      shown.push({ ping, exchange, mismatches, want, transcript })
    }
    stub.forget(ping.transactionId)
  }
  let next = 0
  const lane = async () => {
    for (let i = next++; i < options.pings; i = next++) {
      const ping = mixedPing(i, `${prefix}${i + 1}`)
      grade(i, ping, await send(ping))
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.pings) }, lane))
  const durationMs = performance.now() - started

  const stats: LoadStats = {
    pings: options.pings,
    concurrency: options.concurrency,
    durationMs: Math.round(durationMs),
    throughputPerSec: round1((options.pings / durationMs) * 1000),
    roundTripMs: percentiles(roundTrips),
    durationMsReported: percentiles(reported),
    mismatches: failing,
    ...(notGraded ? { lateStubAnswers: notGraded } : {}),
    ...rateLimitStats(rateLimits),
  }
  const base = resultBase(entry, stats.durationMs)
  const late = notGraded ? `; ${notGraded} not graded: ${lateStubReason(context.hsTimeoutMs)}` : ''
  const summary = `${stats.pings} pings, ${stats.concurrency} at a time: ${stats.throughputPerSec}/s${late}`
  if (failing === 0 && gradedAnswers === 0) return { result: { ...base, status: 'skip', message: `not graded: ${summary}` }, stats }
  if (failing === 0) return { result: { ...base, status: 'pass', message: summary }, stats }
  return { result: { ...base, ...gradeFailures(entry, shown, stats, redactor) }, stats }
}

/** The failed check: every failing ping counted (stats.mismatches), the first few shown with both hops, redacted. */
function gradeFailures(
  entry: Requirement,
  shown: readonly FailingPing[],
  stats: LoadStats,
  redactor: Redactor,
): Pick<CheckResult, 'status' | 'message' | 'failure' | 'transcript'> {
  const more = stats.mismatches > shown.length ? [`… and ${stats.mismatches - shown.length} more pings that did not get their own answer`] : []
  return {
    status: gradeFailure(entry.level),
    message: `${stats.mismatches} of ${stats.pings} pings did not get their own answer (${stats.concurrency} at a time)`,
    failure: redactor.redactValue({
      mismatches: [...shown.flatMap((f) => f.mismatches.map((m) => `ping ${f.ping.transactionId}: ${m}`)), ...more],
      expected: shown.map((f) => `ping ${f.ping.transactionId}: ${describeExpectation(f.want)}`).join('; '),
      actual: shown.map((f) => `ping ${f.ping.transactionId}: ${describeResponse(f.exchange)}`).join('; '),
    }),
    transcript: shown.map((f) => f.transcript),
  }
}

/** The duration_ms of a 200 answer, when it is a number. */
function reportedDuration(exchange: HttpExchange): number | undefined {
  const reported = (exchange.response?.status === 200 ? (exchange.response.json as { duration_ms?: unknown } | null | undefined) : undefined)?.duration_ms
  return typeof reported === 'number' ? reported : undefined
}

/** HS-PING-LOAD asked for by --only without --load: listed, not graded. */
export function skippedLoadCheck(entry: Requirement): CheckResult {
  return { ...resultBase(entry, 0), status: 'skip', message: 'run with --load N' }
}

/** The load's 429s, when there were any (a ping waited out and answered counts once per 429 it got). */
function rateLimitStats(log: RateLimitLog): Pick<LoadStats, 'rateLimited'> {
  const { requests } = log
  if (requests.length === 0) return {}
  return {
    rateLimited: {
      answers: requests.length,
      waitedMs: requests.reduce((sum, r) => sum + r.waitedMs, 0),
      stillLimited: requests.filter((r) => r.gaveUp).length,
    },
  }
}
