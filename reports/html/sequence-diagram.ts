import type { CheckResult } from '../../runner/check-result.js'
import { failingExchange } from '../failing-exchange.js'
import type { RunReport } from '../run-report.js'
import { escapeHtml as esc } from './escape-html.js'
import { exchangeHops, isHop, type Hop, type Row } from './exchange-hops.js'
import { failedHop } from './failed-hop.js'

/**
 * A failure's exchange as inline SVG, drawn as the spec draws the ping mechanism (its "Typical",
 * "Incorrect hs_token" and "Can't connect" diagrams): a lifeline per party, an arrow per hop,
 * dashed and struck (-/->) where nothing arrived. The hop that went wrong (failed-hop.ts) is red,
 * with a ✗ and the failure's expected and actual beside it. When the check named no single
 * exchange, its first few are drawn one after another and no hop is marked. Pure: one result in,
 * SVG text out (empty when there is nothing to draw). Everything shown comes from the report,
 * whose transcript is redacted, and is escaped here.
 */
export function sequenceDiagram(result: CheckResult, role: RunReport['role']): string {
  const named = failingExchange(result)
  const entries = named ? [named] : (result.transcript ?? []).slice(0, maxExchanges)
  const drawn = entries.map((entry) => exchangeHops(entry, role))
  const lifelines = drawn[0]?.lifelines ?? []
  const rows: Row[] = drawn.flatMap((exchange) => exchange.rows)
  const left = (result.transcript?.length ?? 0) - entries.length
  if (left > 0) rows.push({ note: `… and ${left} more exchange${left === 1 ? '' : 's'} (all of them are listed below)` })
  if (!rows.some(isHop)) return ''
  const marked = named && drawn[0] ? failedHop(result, drawn[0]) : undefined
  const xs = lifelines.length === 3 ? [80, 350, 620] : [120, 580]
  const tops = rowTops(rows)
  const verdict = result.failure ? verdictNote(result.failure, marked === undefined ? undefined : tops[marked]) : { svg: '', bottom: 0 }
  const height = Math.max(tops[rows.length]! + 16, verdict.bottom + 4)
  const heads = lifelines.map(
    (name, i) =>
      `<g class="lifeline" data-lifeline="${esc(name)}"><rect x="${xs[i]! - 62}" y="4" width="124" height="26" rx="4"/><text x="${xs[i]}" y="22" text-anchor="middle">${esc(name)}</text><line x1="${xs[i]}" y1="30" x2="${xs[i]}" y2="${height - 6}"/></g>`,
  )
  const body = rows.map((row, i) =>
    isHop(row)
      ? hopSvg(row, i, tops[i]!, xs, i === marked)
      : `<text class="note" x="8" y="${tops[i]! + 12}">${esc(clip(row.note, 120))}<title>${esc(row.note)}</title></text>`,
  )
  const hops = rows.filter(isHop)
  return `<svg class="sequence" data-testid="sequence-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(ariaLabel(lifelines, hops, marked === undefined ? undefined : hops.indexOf(rows[marked] as Hop)))}">${heads.join('')}${body.join('')}${verdict.svg}</svg>`
}

/** Enough to see a pattern (the appservice's ping, then whether it still answers), few enough to read. */
const maxExchanges = 6

/** Where each row starts, and (last) where the rows end. */
function rowTops(rows: readonly Row[]): number[] {
  const tops = [headHeight]
  for (const row of rows) tops.push(tops.at(-1)! + (isHop(row) ? rowHeight : noteLine))
  return tops
}

const width = 980
const headHeight = 40
const rowHeight = 48
const noteLine = 18
/** Where the expected/actual column starts, right of the last lifeline. */
const besideX = 690

function hopSvg(hop: Hop, index: number, y: number, xs: readonly number[], wrong: boolean): string {
  const [x1, x2] = [xs[hop.from]!, xs[hop.to]!]
  const dir = Math.sign(x2 - x1)
  const arrowY = y + 26
  const tip = x2 - dir * 2
  const span = Math.abs(x2 - x1)
  const labelX = Math.min(x1, x2) + 10
  const chars = Math.floor((span - 20) / 7)
  const classes = ['hop', hop.arrived ? '' : 'missing', wrong ? 'wrong' : ''].filter(Boolean).join(' ')
  const head = `<polygon points="${tip},${arrowY} ${tip - dir * 10},${arrowY - 5} ${tip - dir * 10},${arrowY + 5}"/>`
  const mid = (x1 + x2) / 2
  // The spec's -/-> for a hop that never arrived.
  const strike = hop.arrived ? '' : `<line class="strike" x1="${mid - 6}" y1="${arrowY + 8}" x2="${mid + 6}" y2="${arrowY - 8}"/>`
  const cross = wrong ? `<g class="marker"><circle cx="${mid}" cy="${arrowY}" r="9"/><text x="${mid}" y="${arrowY + 4}" text-anchor="middle">✗</text></g>` : ''
  const full = `${hop.label}${hop.detail ? `  ${hop.detail}` : ''}`
  return [
    `<g class="${classes}" data-hop="${index}" data-step="${hop.step}" data-from="${hop.from}" data-to="${hop.to}" data-marked="${wrong}"><title>${esc(full)}</title>`,
    `<text class="label" x="${labelX}" y="${y + 18}">${esc(clipMiddle(hop.label, chars))}</text>`,
    `<line class="arrow" x1="${x1}" y1="${arrowY}" x2="${tip - dir * 8}" y2="${arrowY}"/>${head}${strike}${cross}`,
    hop.detail ? `<text class="detail" x="${labelX}" y="${y + 42}">${esc(clip(hop.detail, Math.floor((span - 20) / 6.2)))}</text>` : '',
    '</g>',
  ].join('')
}

/** The failure's expected and actual beside the marked hop, or above the hops when no hop is marked. */
function verdictNote(failure: NonNullable<CheckResult['failure']>, y: number | undefined): { svg: string; bottom: number } {
  const lines = [
    ...wrap(`expected: ${failure.expected}`, 38, 3).map((text) => ({ text, cls: 'expected' })),
    ...wrap(`actual: ${failure.actual}`, 38, 3).map((text) => ({ text, cls: 'actual' })),
  ]
  const heading = y === undefined ? 'the check did not say which hop' : 'this hop went wrong'
  const startY = y === undefined ? headHeight + 4 : y + 4
  const texts = [{ text: heading, cls: 'heading' }, ...lines].map(
    (l, i) => `<text class="${l.cls}" x="${besideX + 10}" y="${startY + 12 + i * 14}">${esc(l.text)}</text>`,
  )
  const boxHeight = texts.length * 14 + 8
  return {
    svg: `<g class="beside" data-testid="hop-verdict"><title>${esc(`expected: ${failure.expected}\nactual: ${failure.actual}`)}</title><rect x="${besideX}" y="${startY}" width="${width - besideX - 4}" height="${boxHeight}" rx="4"/>${texts.join('')}</g>`,
    bottom: startY + boxHeight,
  }
}

function ariaLabel(lifelines: readonly string[], hops: readonly Hop[], marked: number | undefined): string {
  const said = hops.map((h, i) => `${lifelines[h.from]} ${h.arrived ? '→' : '-/→'} ${lifelines[h.to]}: ${h.label}${i === marked ? ' (went wrong)' : ''}`)
  return `Sequence diagram. ${said.join('; ')}`
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text
}

/** A path keeps its start and its end ("POST /_matrix/client/v1/…/as-ping-conformance/ping"): the end says which endpoint. */
function clipMiddle(text: string, chars: number): string {
  if (text.length <= chars) return text
  const head = Math.ceil((chars - 1) / 2)
  return `${text.slice(0, head)}…${text.slice(text.length - (chars - 1 - head))}`
}

/** Up to `lines` lines of at most `chars` characters, the last clipped. */
function wrap(text: string, chars: number, lines: number): string[] {
  const out: string[] = []
  let rest = text
  while (rest && out.length < lines) {
    if (rest.length <= chars || out.length === lines - 1) {
      out.push(clip(rest, chars))
      break
    }
    const space = rest.lastIndexOf(' ', chars)
    const cut = space > chars / 2 ? space : chars
    out.push(rest.slice(0, cut))
    rest = rest.slice(cut).trimStart()
  }
  return out
}
