import type { Level } from '../../harness/requirements/requirement.js'
import type { Score } from '../../runner/level-score.js'
import type { TrendSeries } from '../../runner/run-history.js'
import { escapeHtml as esc } from './escape-html.js'

const width = 720
const height = 220
const margin = { left: 44, right: 96, top: 12, bottom: 36 }
const levelsDrawn: readonly Level[] = ['MUST', 'SHOULD', 'INFO']

/**
 * One role's trend as inline SVG, drawn here (no chart library, nothing loaded): a line per level
 * of the share of graded checks that passed, run by run, oldest left. A run that graded none of a
 * level's checks leaves a gap in that line. Each point names its run, level and score on hover.
 */
export function trendChart(series: TrendSeries): string {
  const n = series.points.length
  const plotW = width - margin.left - margin.right
  const plotH = height - margin.top - margin.bottom
  const x = (i: number) => margin.left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1))
  const y = (share: number) => margin.top + plotH * (1 - share)
  const grid = [0, 0.5, 1].map(
    (share) =>
      `<line class="grid" x1="${margin.left}" y1="${y(share)}" x2="${margin.left + plotW}" y2="${y(share)}"/><text class="axis" x="${margin.left - 6}" y="${y(share) + 4}" text-anchor="end">${share * 100}%</text>`,
  )
  const dates = n ? [0, n - 1].filter((i, k) => k === 0 || i !== 0) : []
  const xLabels = dates.map(
    (i) =>
      `<text class="axis" x="${x(i)}" y="${height - 12}" text-anchor="${n === 1 ? 'middle' : i === 0 ? 'start' : 'end'}">${esc(series.points[i]!.startedAt.slice(0, 16).replace('T', ' '))}</text>`,
  )
  const lines = levelsDrawn.map((level, li) => {
    const points = series.points.map((p, i) => ({ i, score: p.scores[level], startedAt: p.startedAt }))
    const segments: string[][] = [[]]
    for (const p of points) {
      if (p.score.graded === 0) segments.push([])
      else segments[segments.length - 1]!.push(`${x(p.i).toFixed(1)},${y(share(p.score)).toFixed(1)}`)
    }
    const paths = segments.filter((s) => s.length > 1).map((s) => `<polyline points="${s.join(' ')}"/>`)
    const dots = points
      .filter((p) => p.score.graded > 0)
      .map(
        (p) =>
          `<circle cx="${x(p.i).toFixed(1)}" cy="${y(share(p.score)).toFixed(1)}" r="3.5" data-level="${level}" data-score="${p.score.passed}/${p.score.graded}"><title>${esc(`${p.startedAt} ${level}: ${p.score.passed}/${p.score.graded} passed`)}</title></circle>`,
      )
    const legendY = margin.top + 14 + li * 18
    const legend = `<text class="legend" x="${width - margin.right + 26}" y="${legendY + 4}">${level}</text><line x1="${width - margin.right + 6}" y1="${legendY}" x2="${width - margin.right + 22}" y2="${legendY}"/>`
    return `<g class="level ${level.toLowerCase()}" data-level="${level}">${paths.join('')}${dots.join('')}${legend}</g>`
  })
  return `<svg class="trend" data-testid="trend-chart" data-role="${series.role}" data-runs="${n}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(`${series.role} runs: share of graded checks passed per level, ${n} run${n === 1 ? '' : 's'}`)}">${grid.join('')}${xLabels.join('')}${lines.join('')}</svg>`
}

function share(score: Score): number {
  return score.graded ? score.passed / score.graded : 0
}
