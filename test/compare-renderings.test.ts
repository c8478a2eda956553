import { describe, expect, it } from 'vitest'
import { compareReports } from '../runner/compare-reports.js'
import { historyEntry, historyTrend } from '../runner/run-history.js'
import { sampleFailure, sampleReport, sampleResult } from './support/sample-report.js'
import { renderCompareHtml } from '../reports/compare-html.js'
import { renderCompareMarkdown } from '../reports/compare-markdown.js'

const good = sampleReport({}, [sampleResult('HS-PING-OK', 'pass'), sampleResult('HS-PING-BAD-STATUS', 'pass'), sampleResult('HS-PING-USER-TOKEN', 'pass')])
const bad = sampleReport({}, [
  sampleResult('HS-PING-OK', 'pass'),
  sampleFailure(),
  sampleResult('HS-PING-USER-TOKEN', 'skip', { message: 'no --user-token given' }),
])
const trend = historyTrend(
  ['2026-01-01', '2026-01-02', '2026-01-03'].map((day, i) =>
    historyEntry(
      sampleReport({}, [sampleResult('HS-PING-OK', i === 1 ? 'fail' : 'pass'), sampleResult('HS-PING-BAD-STATUS-FIELDS', 'pass')], `${day}T03:00:00Z`),
    ),
  ),
)
const comparison = compareReports(
  [
    { label: 'good <one>', file: 'good.json', report: good },
    { label: 'bad', file: 'bad.json', report: bad },
  ],
  { disagreementsFirst: true, history: trend },
)

describe('compare as HTML', () => {
  const html = renderCompareHtml(comparison)

  it('is one self-contained page: inline style and script, a CSP that loads nothing, no src or stylesheet link', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`)
    expect(html).not.toMatch(/\ssrc=|<link\b/)
  })

  it('has a column per target (labels escaped), the disagreeing rows first and marked, a cell per result with its message and exchange', () => {
    expect(html).toContain('<th scope="col" data-target="good &lt;one&gt;">good &lt;one&gt;</th>')
    const groups = [...html.matchAll(/data-group="([a-z-]+)"/g)].map((m) => m[1])
    expect(groups).toEqual(['disagreements', 'endpoint-level'])
    const disagreeing = [...html.matchAll(/<tr data-check="([^"]+)" data-disagree="true"/g)].map((m) => m[1])
    expect(disagreeing).toEqual(['HS-PING-BAD-STATUS', 'HS-PING-USER-TOKEN'])
    const failCell = /<td class="cell fail"[^>]*data-outcome="fail"><details><summary>FAIL<\/summary>([^]*?)<\/details><\/td>/.exec(html)?.[1] ?? ''
    expect(failCell).toContain('<li>status got 500 want 502</li>')
    expect(failCell).toContain('The exchange that went wrong, tokens redacted:')
    expect(failCell).toContain('Bearer &lt;as_token#29a37b&gt;')
    expect(html).toContain('data-outcome="skip"><details><summary>SKIP</summary><p class="line">no --user-token given</p>')
  })

  it('scores each target per level, and draws the trend as inline SVG with a point per run, the flaky check named', () => {
    expect(html).toMatch(/<tr data-level="MUST"><th scope="row">MUST<\/th><td data-target="good &lt;one&gt;">3\/3<\/td><td data-target="bad">1\/2<\/td><\/tr>/)
    const svg = /<svg class="trend"[^]*?<\/svg>/.exec(html)?.[0] ?? ''
    expect(svg).toContain('data-runs="3"')
    expect([...svg.matchAll(/data-level="MUST" data-score="([^"]+)"/g)].map((m) => m[1])).toEqual(['1/1', '0/1', '1/1'])
    expect(svg).toMatch(/<g class="level must" data-level="MUST"><polyline points="[\d., ]+"\/>/)
    // INFO had nothing graded: no line, no point.
    expect(svg).toContain('<g class="level info" data-level="INFO"><text class="legend"')
    expect(html).toContain('<li><code>HS-PING-OK</code> (homeserver): flaky: 2 flips in 3 graded runs (pass → fail → pass)</li>')
    expect(html).toMatch(/<tr data-check="HS-PING-OK" data-disagree="false"><th scope="row">.*<span class="flaky" data-testid="flaky"/)
  })
})

describe('compare as Markdown', () => {
  const md = renderCompareMarkdown(comparison)

  it('gives the scores per target and level, a table per group with an icon per cell, the disagreements first and what each target got there', () => {
    expect(md).toContain('| Passed of graded | good &lt;one&gt; | bad |')
    expect(md).toContain('| MUST | 3/3 | 1/2 |')
    expect(md).toContain('| **All** | **3/3** | **1/2** |')
    expect(md).toContain('### Where the targets disagree (2)')
    expect(md).toMatch(/\| \*\*≠\*\* \[`HS-PING-BAD-STATUS`\]\([^)]+\) \| ✅ \| ❌ \|/)
    expect(md).toMatch(/\| \[`HS-PING-OK`\]\([^)]+\) _flaky_ \| ✅ \| ✅ \|/)
    expect(md).toContain('  - bad: ❌ FAIL status got 500 want 502')
    expect(md).toContain('  - bad: ⏭️ SKIP no --user-token given')
    expect(md).toContain('  - good &lt;one&gt;: ✅ PASS\n')
  })

  it('lists the last runs per level and the flaky checks', () => {
    expect(md).toContain('### History (3 runs)')
    expect(md).toContain('| 2026-01-02T03:00:00Z | does-not-conform | 0/1 | 1/1 | – |')
    expect(md).toContain('- `HS-PING-OK` (homeserver): flaky: 2 flips in 3 graded runs (pass → fail → pass)')
  })
})
