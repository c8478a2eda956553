import { excerpt } from '../assert/excerpt.js'
import type { HttpExchange } from '../clients/http-exchange.js'
import { howItEnded, type MockRecordedRequest, type PingRound } from '../mock-homeserver/ping-round.js'
import type { Redactor } from '../redact.js'
import { describeReceived, describeSent, reproFor, type TranscriptEntry } from './transcript.js'

/**
 * The appservice direction of the transcript: what the suite (as the homeserver) sent the
 * appservice and what came back, or, for the client part, what the appservice sent the mock
 * homeserver, what the mock answered, and the mock's ping back. Redacted here, in the worker.
 */
export function transcribeAppserviceExchange(exchange: HttpExchange, redactor: Redactor, baseUrl: string): TranscriptEntry {
  return {
    sent: redactor.redact(describeSent(exchange)),
    callbacks: [],
    received: redactor.redact(describeReceived(exchange)),
    ...reproFor(exchange, redactor, 'AS_URL', { baseUrl }),
  }
}

/** The appservice's own ping happens only against the suite's mock homeserver, which a curl cannot stand in for. */
const mockHomeserver = 'the mock homeserver'

export function transcribeRound(round: PingRound, redactor: Redactor): TranscriptEntry {
  const lines = round.requests.map(describeMockRequest)
  if (round.pingBack) lines.push(`⇢ the homeserver pinged the appservice back: ${describeSent(round.pingBack).slice(2)}  ${describeReceived(round.pingBack)}`)
  if (round.exited) lines.push(`the appservice process: ${describeExit(round.exited)}`)
  return {
    sent: `(the appservice's own ping; the homeserver ${round.plan === 'answer' ? 'answers it normally' : `injects '${round.plan}'`})`,
    callbacks: lines.map((line) => redactor.redact(line)),
    received: '',
    curl: '',
    needs: mockHomeserver,
  }
}

/**
 * How the process ended, without blaming it for what the suite did: "ended by itself (exit code
 * 16; its last output: …)", or "never listened on … within 15 s of its start, so it was stopped
 * by the suite (signal SIGTERM)". Reads after "the appservice".
 */
export function describeExit(exit: NonNullable<PingRound['exited']>): string {
  const how = howItEnded(exit)
  if (exit.stoppedBySuite) return `${exit.stoppedBySuite}, so it was stopped by the suite (${how})`
  return `ended by itself (${exit.outputTail.trim() ? `${how}; its last output: ${excerpt(exit.outputTail.trim(), 400)}` : how})`
}

function describeMockRequest(request: MockRecordedRequest): string {
  const query = Object.keys(request.query).length
    ? `?${new URLSearchParams(Object.entries(request.query).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])))}`
    : ''
  const auth = request.headers.authorization ? `  Authorization: ${request.headers.authorization}` : '  (no Authorization header)'
  const answer = request.answer ? `  → homeserver answered ${request.answer.status} ${excerpt(request.answer.bodyText, 200)}` : '  → no answer (network error)'
  return `⇠ the appservice sent ${request.method} ${request.rawPath}${query}${auth}  ${excerpt(request.bodyText, 200) || "''"}${answer}`
}
