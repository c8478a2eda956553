import { describe, expect, it } from 'vitest'
import { sampleReport, sampleResult, sampleResults } from '../test/support/sample-report.js'
import { renderConsoleReport } from './console-report.js'
import { renderHtmlReport } from './html-report.js'
import { renderJunitReport } from './junit-report.js'
import { renderMarkdownReport } from './markdown-report.js'
import { rateLimitSummary } from './rate-limit-lines.js'

const path = '/_matrix/client/v1/appservice/as-ping-conformance/ping'
const report = sampleReport({}, [
  ...sampleResults().filter((r) => r.id !== 'HS-PING-OK' && r.id !== 'HS-PING-USER-TOKEN'),
  sampleResult('HS-PING-OK', 'pass', { rateLimited: [{ method: 'POST', path, retryAfterMs: 30, from: 'retry_after_ms', waitedMs: 30 }] }),
  sampleResult('HS-PING-USER-TOKEN', 'skip', {
    message: `rate-limited: POST ${path} answered 429 (Retry-After 120000 ms) and the wait would pass the run's deadline`,
    rateLimited: [{ method: 'POST', path, retryAfterMs: 120_000, from: 'Retry-After', waitedMs: 0, gaveUp: "the wait would pass the run's deadline" }],
  }),
])
const entries = [
  `HS-PING-OK: POST ${path}: waited 30 ms (retry_after_ms 30 ms)`,
  `HS-PING-USER-TOKEN: POST ${path}: Retry-After 120000 ms; not sent again: the wait would pass the run's deadline`,
]

describe('rate-limited requests in the reports', () => {
  it('are summed up once, each with its check, path, wait and where the wait came from', () => {
    expect(rateLimitSummary(report)).toEqual({
      heading:
        'Rate-limited: 2 answers were 429, never graded; the suite waited 30 ms in all and sent the requests again; 1 not sent again, so its check was skipped',
      entries,
    })
    expect(rateLimitSummary(sampleReport())).toBeUndefined()
  })

  it('are listed by the console, Markdown and HTML reports, and by JUnit per testcase', () => {
    const console = renderConsoleReport(report)
    expect(console).toContain(`${rateLimitSummary(report)!.heading}\n  ${entries[0]}\n  ${entries[1]}\n`)
    expect(renderConsoleReport(sampleReport())).not.toContain('Rate-limited')
    const markdown = renderMarkdownReport(report)
    for (const entry of entries) expect(markdown).toContain(`- ${entry}`)
    const html = renderHtmlReport(report)
    expect(html).toContain('data-testid="rate-limited"')
    expect(html).toContain(`<li>${entries[0]}</li>`)
    expect(renderJunitReport(report)).toContain(`<property name="rate-limited" value="POST ${path}: waited 30 ms (retry_after_ms 30 ms)"/>`)
  })
})
