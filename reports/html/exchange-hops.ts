import type { TranscriptEntry } from '../../harness/scenario/transcript.js'
import type { RunReport } from '../run-report.js'

/**
 * One transcript entry read back as the spec draws the mechanism: the lifelines and each hop
 * between them, in order. The entry's lines are already redacted (by the worker), and their
 * shapes are fixed by harness/scenario/transcript.ts and appservice-transcript.ts; a line of any
 * other shape becomes a note, so nothing the run recorded is dropped.
 */
export interface ExchangeHops {
  lifelines: readonly string[]
  /** The hops, and the lines that are no hop (what the exchange was, how a process ended), in order. */
  rows: Row[]
}

export type Row = Hop | Note

export interface Note {
  note: string
}

export function isHop(row: Row): row is Hop {
  return !('note' in row)
}

/**
 * A hop's place in the mechanism. `request`: the suite's call to the target (or, for an
 * appservice's own ping, the appservice's call to the mock homeserver); `answer`: the reply to it.
 * `call-out`/`call-out-answer`: the homeserver's call to the appservice and its reply (the stub's
 * for a homeserver run, the appservice's to the mock's ping back for an appservice run).
 */
export type HopStep = 'request' | 'answer' | 'call-out' | 'call-out-answer'

export interface Hop {
  step: HopStep
  /** Indexes into `lifelines`. */
  from: number
  to: number
  /** "POST /_matrix/app/v1/ping", "500 after 236 ms". */
  label: string
  /** The rest of the line: headers (tokens redacted), body, outcome. */
  detail: string
  /** False when it never arrived: no connection, no answer, no call out (drawn -/->, as the spec does). */
  arrived: boolean
  /** Whether the target sent it (the hops a check grades). */
  byTarget: boolean
}

const homeserverLifelines = ['AS (suite)', 'HS (target)', 'AS (stub)'] as const
const appserviceLifelines = ['AS (target)', 'HS (mock)'] as const
const [suite, homeserver, stub] = [0, 1, 2]
const [appservice, mockHomeserver] = [0, 1]

export function exchangeHops(entry: TranscriptEntry, role: RunReport['role']): ExchangeHops {
  return role === 'homeserver' ? homeserverHops(entry) : appserviceHops(entry)
}

/** AS (suite) → HS, HS → AS (stub) and back for each call the stub saw, HS → AS (suite). */
function homeserverHops(entry: TranscriptEntry): ExchangeHops {
  const rows: Row[] = []
  const request = sentLine(entry.sent)
  if (request) rows.push({ step: 'request', from: suite, to: homeserver, ...request, arrived: true, byTarget: false })
  else rows.push({ note: entry.sent })
  for (const line of entry.callbacks) {
    const call = stubCall(line)
    if (!call) {
      rows.push({ note: line })
      continue
    }
    rows.push({ step: 'call-out', from: homeserver, to: stub, label: call.label, detail: call.detail, arrived: true, byTarget: true })
    if (call.outcome) rows.push({ step: 'call-out-answer', from: stub, to: homeserver, ...stubOutcome(call.outcome), byTarget: false })
  }
  // The spec's "Can't connect" draws the call that never arrived; so does a homeserver that answers without calling.
  if (request && !rows.some((r) => isHop(r) && r.step === 'call-out')) {
    rows.push({ step: 'call-out', from: homeserver, to: stub, label: 'no call arrived', detail: '', arrived: false, byTarget: true })
  }
  const answer = receivedLine(entry.received)
  if (answer) rows.push({ step: 'answer', from: homeserver, to: suite, ...answer, byTarget: true })
  return { lifelines: homeserverLifelines, rows }
}

/** HS (mock) → AS and back for a call to the appservice; for its own ping, AS → HS (mock), the answer, and the mock's ping back. */
function appserviceHops(entry: TranscriptEntry): ExchangeHops {
  const rows: Row[] = []
  const request = sentLine(entry.sent)
  if (request) rows.push({ step: 'request', from: mockHomeserver, to: appservice, ...request, arrived: true, byTarget: false })
  else rows.push({ note: entry.sent })
  for (const line of entry.callbacks) {
    const own = ownPing(line)
    const back = own ? undefined : pingBack(line)
    if (own) {
      rows.push({ step: 'request', from: appservice, to: mockHomeserver, label: own.label, detail: own.detail, arrived: true, byTarget: true })
      rows.push({ step: 'answer', from: mockHomeserver, to: appservice, ...own.answer, byTarget: false })
    } else if (back) {
      rows.push({ step: 'call-out', from: mockHomeserver, to: appservice, label: back.label, detail: back.detail, arrived: true, byTarget: false })
      rows.push({ step: 'call-out-answer', from: appservice, to: mockHomeserver, ...back.answer, byTarget: true })
    } else rows.push({ note: line })
  }
  const answer = receivedLine(entry.received)
  if (answer) rows.push({ step: 'answer', from: appservice, to: mockHomeserver, ...answer, byTarget: true })
  return { lifelines: appserviceLifelines, rows }
}

type Drawn = Pick<Hop, 'label' | 'detail'>

/** "→ POST /path  Authorization: …  body" */
function sentLine(line: string): Drawn | undefined {
  if (!line.startsWith('→ ')) return undefined
  return labelAndDetail(line.slice(2))
}

/** "← 500 after 3 ms  body", or "← no answer after 1500 ms: why". */
function receivedLine(line: string): (Drawn & { arrived: boolean }) | undefined {
  if (!line.startsWith('← ')) return undefined
  const rest = line.slice(2)
  const noAnswer = /^(no answer after \d+ ms): ?(.*)$/.exec(rest)
  if (noAnswer) return { label: noAnswer[1]!, detail: noAnswer[2]!, arrived: false }
  return { ...labelAndDetail(rest), arrived: true }
}

/** "⇢ stub appservice received POST /path at +2 ms  Authorization: …  body  → answered 403 {}" (the outcome is absent for unsolicited calls). */
function stubCall(line: string): (Drawn & { outcome?: string }) | undefined {
  const prefix = '⇢ stub appservice received '
  if (!line.startsWith(prefix)) return undefined
  const rest = line.slice(prefix.length)
  const cut = rest.lastIndexOf('  → ')
  const outcome = cut >= 0 ? rest.slice(cut + 4) : undefined
  const drawn = labelAndDetail(cut >= 0 ? rest.slice(0, cut) : rest)
  // "POST /path at +2 ms": the path is the label, when it came goes with the detail.
  const at = /^(.*) (at \+\d+ ms)$/.exec(drawn.label)
  const timed = at ? { label: at[1]!, detail: `${at[2]!}  ${drawn.detail}`.trim() } : drawn
  return { ...timed, ...(outcome ? { outcome } : {}) }
}

/** The stub's answer as harness/stub-appservice/stub-outcome.ts words it. */
function stubOutcome(outcome: string): Drawn & { arrived: boolean } {
  if (outcome === 'never answered' || outcome === 'reset the connection') return { label: outcome, detail: '', arrived: false }
  const answered = /^answered (.*)$/.exec(outcome)
  return { ...(answered ? statusAndBody(answered[1]!) : { label: outcome, detail: '' }), arrived: true }
}

/** "⇠ the appservice sent POST /path  Authorization: …  body  → homeserver answered 502 {…}" (or "→ no answer (network error)"). */
function ownPing(line: string): (Drawn & { answer: Drawn & { arrived: boolean } }) | undefined {
  const prefix = '⇠ the appservice sent '
  if (!line.startsWith(prefix)) return undefined
  const rest = line.slice(prefix.length)
  const cut = rest.lastIndexOf('  → ')
  const answer = cut >= 0 ? rest.slice(cut + 4) : 'no answer'
  const answered = /^homeserver answered (.*)$/.exec(answer)
  return {
    ...labelAndDetail(cut >= 0 ? rest.slice(0, cut) : rest),
    answer: answered ? { ...statusAndBody(answered[1]!), arrived: true } : { label: answer, detail: '', arrived: false },
  }
}

/** "⇢ the homeserver pinged the appservice back: POST /path  Authorization: …  body  ← 404 after 20 ms  body" */
function pingBack(line: string): (Drawn & { answer: Drawn & { arrived: boolean } }) | undefined {
  const prefix = '⇢ the homeserver pinged the appservice back: '
  if (!line.startsWith(prefix)) return undefined
  const rest = line.slice(prefix.length)
  const cut = rest.indexOf('  ← ')
  const answer = cut >= 0 ? receivedLine(rest.slice(cut + 2)) : undefined
  return { ...labelAndDetail(cut >= 0 ? rest.slice(0, cut) : rest), answer: answer ?? { label: 'no answer', detail: '', arrived: false } }
}

/**
 * The first field of a line (fields are separated by two spaces) is the label; the rest, the
 * detail, the body first, as the spec's diagrams show it, then the headers.
 */
function labelAndDetail(text: string): Drawn {
  const [label = '', ...rest] = text.split('  ')
  return { label, detail: rest.reverse().join('  ').trim() }
}

/** "403 {…}": the status is the label, the body the detail. */
function statusAndBody(text: string): Drawn {
  const cut = text.indexOf(' ')
  return cut >= 0 ? { label: text.slice(0, cut), detail: text.slice(cut + 1) } : { label: text, detail: '' }
}
