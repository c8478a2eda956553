import { describeExpectation, describeResponse, responseMismatches, type ResponseExpectation } from '../harness/assert/must.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import type { HttpExchange } from '../harness/clients/http-exchange.js'
import { requestDeadlineMs } from '../harness/deadlines.js'
import { RateLimitLog } from '../harness/http/rate-limit.js'
import { createRedactor } from '../harness/redact.js'
import type { Requirement } from '../harness/requirements/requirement.js'
import { runSecrets, type HomeserverRunContext } from '../harness/run-context.js'
import { aloneAnswerFor, answerLikeAlone, mixedPings, pingEachKindAlone, type MixedPing } from '../harness/scenario/concurrent-ping-mix.js'
import { stubAppservice, transcribe } from '../harness/scenario/transcript.js'
import type { StubAppservice } from '../harness/stub-appservice/stub-appservice.js'
import { resultBase, type CheckResult } from './check-result.js'
import { gradeFailure } from './grade.js'
import { percentiles, round1, type LoadStats } from './load-stats.js'

/** --load N --concurrency C */
export interface LoadOptions {
  pings: number
  concurrency: number
}

/** How many failing pings the report shows in full; the others are counted. */
const shownFailures = 5

interface FailingPing {
  ping: MixedPing
  exchange: HttpExchange
  mismatches: string[]
  /** What it should have got: what its kind of outcome got alone. */
  want: ResponseExpectation
}

/**
 * HS-PING-LOAD: N pings of the concurrent mix (harness/scenario/concurrent-ping-mix.ts), C in
 * flight at a time, sent from the runner straight against the stub appservice in this process:
 * no vitest, since the hot loop is also the throughput measurement. Every answer is checked
 * against its own ping's outcome; one that is not its own is a cross-talk bug.
 */
export async function runLoadCheck(
  entry: Requirement,
  stub: StubAppservice,
  context: HomeserverRunContext,
  options: LoadOptions,
): Promise<{ result: CheckResult; stats: LoadStats }> {
  const pings = mixedPings(options.pings, (i) => `${context.runId}.${entry.id.toLowerCase()}.${i + 1}`)
  for (const p of pings) stub.arrange(p.transactionId, p.outcome)
  // Each ping gets the usual request deadline; the run's deadline bounds the checks, not a load of any size.
  const rateLimits = new RateLimitLog()
  const client = new HomeserverClient(context.hsUrl, requestDeadlineMs(context.hsTimeoutMs), Infinity, context.tls, rateLimits.observe)
  const { main } = context.appservices
  const send = (ping: MixedPing) => client.ping({ appserviceId: main.id, token: main.asToken, body: { transaction_id: ping.transactionId } })
  const alone = await pingEachKindAlone(
    (i) => `${context.runId}.${entry.id.toLowerCase()}.alone.${i + 1}`,
    (ping) => {
      stub.arrange(ping.transactionId, ping.outcome)
      return send(ping)
    },
  )
  const exchanges = new Array<HttpExchange>(pings.length)
  let next = 0
  const lane = async () => {
    for (let i = next++; i < pings.length; i = next++) {
      exchanges[i] = await send(pings[i]!)
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: Math.min(options.concurrency, pings.length) }, lane))
  const durationMs = performance.now() - started

  const failing = pings.flatMap((ping, i): FailingPing[] => {
    const want = answerLikeAlone(ping.outcome, aloneAnswerFor(i, alone))
    // A 429 the suite gave up on is the limiter's answer, not the ping's: counted in rateLimited, not graded.
    const mismatches = want && exchanges[i]!.response?.status !== 429 ? responseMismatches(exchanges[i]!, want) : []
    return want && mismatches.length ? [{ ping, exchange: exchanges[i]!, mismatches, want }] : []
  })
  const stats: LoadStats = {
    pings: pings.length,
    concurrency: options.concurrency,
    durationMs: Math.round(durationMs),
    throughputPerSec: round1((pings.length / durationMs) * 1000),
    roundTripMs: percentiles(exchanges.map((e) => e.durationMs)),
    durationMsReported: percentiles(exchanges.flatMap((e) => reportedDuration(e))),
    mismatches: failing.length,
    ...rateLimitStats(rateLimits),
  }
  const base = resultBase(entry, stats.durationMs)
  const summary = `${stats.pings} pings, ${stats.concurrency} at a time: ${stats.throughputPerSec}/s`
  if (failing.length === 0) return { result: { ...base, status: 'pass', message: summary }, stats }
  return { result: { ...base, ...gradeFailures(entry, failing, stats, stub, context) }, stats }
}

/** The failed check: every failing ping counted, the first few shown with both hops, redacted. */
function gradeFailures(
  entry: Requirement,
  failing: FailingPing[],
  stats: LoadStats,
  stub: StubAppservice,
  context: HomeserverRunContext,
): Pick<CheckResult, 'status' | 'message' | 'failure' | 'transcript'> {
  const redactor = createRedactor(runSecrets(context))
  const shown = failing.slice(0, shownFailures)
  const more = failing.length > shown.length ? [`… and ${failing.length - shown.length} more pings that did not get their own answer`] : []
  return {
    status: gradeFailure(entry.level),
    message: `${failing.length} of ${stats.pings} pings did not get their own answer (${stats.concurrency} at a time)`,
    failure: redactor.redactValue({
      mismatches: [...shown.flatMap((f) => f.mismatches.map((m) => `ping ${f.ping.transactionId}: ${m}`)), ...more],
      expected: shown.map((f) => `ping ${f.ping.transactionId}: ${describeExpectation(f.want)}`).join('; '),
      actual: shown.map((f) => `ping ${f.ping.transactionId}: ${describeResponse(f.exchange)}`).join('; '),
    }),
    transcript: shown.map((f) => transcribe(f.exchange, stub.requestsFor(f.ping.transactionId), redactor, { baseUrl: context.hsUrl, needs: stubAppservice })),
  }
}

/** The duration_ms of a 200 answer, when it is a number. */
function reportedDuration(exchange: HttpExchange): number[] {
  const reported = (exchange.response?.status === 200 ? (exchange.response.json as { duration_ms?: unknown } | null | undefined) : undefined)?.duration_ms
  return typeof reported === 'number' ? [reported] : []
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
