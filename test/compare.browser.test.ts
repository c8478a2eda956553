import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { chromiumPath, launchChromium } from './support/chromium.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../reports/run-report.js'
import { concurrencyLimit } from '../scripts/support/concurrency-limit.js'
import { runCli } from './support/run-cli.js'
import { readReport } from './support/read-report.js'
import { anyToken } from './support/reference-variant-runs.js'

/** Five targets: the reference, three broken variants (each fails a check of its own) and a conformant one. */
const targets = [
  { label: 'reference', variant: undefined, mustFail: [] },
  { label: 'failures-as-500', variant: 'appservice-failures-as-500', mustFail: ['HS-PING-BAD-STATUS', 'HS-PING-TIMEOUT'] },
  { label: 'txn-dropped', variant: 'transaction-id-dropped', mustFail: ['HS-PING-TXN-PASSTHROUGH'] },
  { label: 'no-id-check', variant: 'no-appservice-id-check', mustFail: ['HS-PING-OTHER-AS-TOKEN'] },
  { label: 'follows-redirects', variant: 'follows-redirects', mustFail: [] },
] as const

/** What a cell shows, decided from the JSON report here, apart from the model under test. */
function outcomeOf(r: RunReport['results'][number]): string {
  return r.status === 'skip' && r.consequenceOf ? 'consequence' : r.status
}

/** `compare` of five real reports in a real headless Chromium: the scores, the disagreeing rows first, a cell opened to its exchange, the filter, the layout at 1280 px. */
describe('compare in headless Chromium', () => {
  let dir: string
  let context: BrowserContext
  let reports: RunReport[]
  let files: { html: string; markdown: string }
  const requested: string[] = []

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`)
    dir = await mkdtemp(join(tmpdir(), 'asp-compare-'))
    const limit = concurrencyLimit(3)
    const [runs] = await Promise.all([
      Promise.all(
        targets.map((t) =>
          limit(() =>
            runCli([
              'reference',
              '--role',
              'homeserver',
              ...(t.variant ? ['--variant', t.variant] : []),
              '--hs-timeout-ms',
              '1500',
              '--report',
              `json=${join(dir, `${t.label}.json`)}`,
              // One history for the five, as if one server had been each of them on five nights.
              '--history',
              join(dir, 'history.jsonl'),
            ]),
          ),
        ),
      ),
      launchChromium(dir).then((c) => (context = c)),
    ])
    runs.forEach((run, i) => expect(run.code, `${targets[i]!.label}: ${run.stderr}`).toBeLessThan(2))
    reports = await Promise.all(targets.map((t) => readReport(join(dir, `${t.label}.json`))))
    files = { html: join(dir, 'compare.html'), markdown: join(dir, 'compare.md') }
    // The reference by its file's name; the others labelled.
    const cli = await runCli([
      'compare',
      join(dir, 'reference.json'),
      ...targets.slice(1).flatMap((t) => ['--label', `${t.label}=${join(dir, `${t.label}.json`)}`]),
      '--disagreements-first',
      '--history',
      join(dir, 'history.jsonl'),
      '--report',
      `html=${files.html},markdown=${files.markdown}`,
    ])
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toContain('Compared 5 reports (reference, failures-as-500, txn-dropped, no-id-check, follows-redirects)')
    expect(cli.stdout).toContain('of 5 runs')
    await context.route('**', (route) => {
      const url = route.request().url()
      if (url.startsWith('file://')) return route.continue()
      requested.push(url)
      return route.abort()
    })
  }, 240_000)

  afterAll(async () => {
    await context?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  /** The check ids where the targets that ran them got different outcomes, from the JSON reports. */
  function disagreeing(): string[] {
    const ids = [...new Set(reports.flatMap((r) => r.results.map((x) => x.id)))]
    return ids.filter((id) => new Set(reports.flatMap((r) => r.results.filter((x) => x.id === id).map(outcomeOf))).size > 1)
  }

  async function open(): Promise<Page> {
    const page = await context.newPage()
    await page.goto(pathToFileURL(files.html).href)
    return page
  }

  function visibleRows(page: Page): Promise<string[]> {
    return page.$$eval('tr[data-check]', (rows) => rows.filter((r) => r.checkVisibility()).map((r) => r.getAttribute('data-check') ?? ''))
  }

  it('shows a column per target, its score per level as passed of graded, and the rows where they disagree first', async () => {
    const page = await open()
    expect(await page.locator('table.scores thead th[data-target]').allTextContents()).toEqual(targets.map((t) => t.label))
    for (const [i, report] of reports.entries()) {
      for (const level of ['MUST', 'SHOULD', 'INFO'] as const) {
        const graded = report.results.filter((r) => r.level === level && r.status !== 'skip')
        const passed = graded.filter((r) => r.status === 'pass').length
        const shown = await page.locator(`table.scores tr[data-level=${level}] td[data-target="${targets[i]!.label}"]`).textContent()
        expect(shown, `${targets[i]!.label} ${level}`).toBe(graded.length ? `${passed}/${graded.length}` : '–')
      }
    }
    // Every cell says what its target's report says (under load the reference may fail a check too: the page shows it as it is).
    const shownOutcomes = await page
      .locator('tr[data-check]')
      .evaluateAll((rows) =>
        rows.flatMap((row) =>
          [...row.querySelectorAll('td[data-target]')].map(
            (td) => `${row.getAttribute('data-check')} ${td.getAttribute('data-target')} ${td.getAttribute('data-outcome')}`,
          ),
        ),
      )
    const ids = [...new Set(reports.flatMap((r) => r.results.map((x) => x.id)))]
    const fromReports = ids.flatMap((id) =>
      reports.map((r, i) => {
        const result = r.results.find((x) => x.id === id)
        return `${id} ${targets[i]!.label} ${result ? outcomeOf(result) : 'none'}`
      }),
    )
    expect(shownOutcomes.sort()).toEqual(fromReports.sort())

    const expected = disagreeing()
    for (const t of targets) for (const id of t.mustFail) expect(expected).toContain(id)
    const first = await page.locator('section[data-group=disagreements] tr[data-check]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')))
    expect(first.sort()).toEqual([...expected].sort())
    expect(await page.locator('[data-testid=disagreement-count]').textContent()).toBe(String(expected.length))
    // Each broken variant's own failure is a FAIL in its column, where the conformant variant passes.
    for (const t of targets) {
      for (const id of t.mustFail) {
        const row = page.locator(`section[data-group=disagreements] tr[data-check="${id}"]`)
        expect(await row.locator(`td[data-target="${t.label}"]`).getAttribute('data-outcome'), `${id} ${t.label}`).toBe('fail')
      }
    }
    expect(requested).toEqual([])
  })

  it('opens a cell to its message and exchange, filters to the disagreements and back, and fits 1280 px', async () => {
    const page = await open()
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(1280)
    const screenshot = join(dir, 'compare-1280.png')
    await page.screenshot({ path: screenshot, fullPage: true })
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000)

    const cell = page.locator('section[data-group=disagreements] tr[data-check="HS-PING-TXN-PASSTHROUGH"] td[data-target=txn-dropped]')
    const exchange = cell.locator('[data-testid=exchange]')
    expect(await exchange.isVisible()).toBe(false)
    await cell.locator('summary').click()
    expect(await exchange.isVisible()).toBe(true)
    expect(await exchange.textContent()).toMatch(/^→ POST \/_matrix\/client\/v1\/appservice\/[^/]+\/ping/)
    expect(await exchange.textContent()).not.toMatch(anyToken)
    expect(await cell.locator('li').first().textContent()).toMatch(/transaction_id/)
    // Open, the cell still fits the window.
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(1280)
    await cell.locator('summary').click()
    expect(await exchange.isVisible()).toBe(false)

    const all = await visibleRows(page)
    expect(all).toHaveLength(new Set(reports.flatMap((r) => r.results.map((x) => x.id))).size)
    const button = page.locator('[data-testid=only-disagreements]')
    await button.click()
    expect(await button.getAttribute('aria-pressed')).toBe('true')
    expect((await visibleRows(page)).sort()).toEqual(disagreeing().sort())
    expect(await page.locator('section[data-group=endpoint-level]').evaluateAll((groups) => groups.filter((g) => g.checkVisibility()).length)).toBe(0)
    await button.click()
    expect(await visibleRows(page)).toEqual(all)
    expect(requested).toEqual([])
  })

  it('draws the history as an inline SVG chart, a point per run and level, and names the checks that flipped more than once', async () => {
    const page = await open()
    const chart = page.locator('[data-testid=trend-chart][data-role=homeserver]')
    expect(await chart.isVisible()).toBe(true)
    const box = (await chart.boundingBox())!
    expect(box.width).toBeGreaterThan(300)
    expect(box.x + box.width).toBeLessThanOrEqual(1280)
    // The runs in the order they started, each MUST score as its report has it.
    const byStart = [...reports].sort((x, y) => x.startedAt.localeCompare(y.startedAt))
    const mustScore = (r: RunReport) => {
      const graded = r.results.filter((x) => x.level === 'MUST' && x.status !== 'skip')
      return `${graded.filter((x) => x.status === 'pass').length}/${graded.length}`
    }
    expect(await chart.locator('circle[data-level=MUST]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-score')))).toEqual(byStart.map(mustScore))
    expect(await chart.locator('g[data-level=MUST] polyline').count()).toBe(1)
    // Flaky: a check whose status, skips left out, changed more than once from run to run.
    const ids = [...new Set(reports.flatMap((r) => r.results.map((x) => x.id)))]
    const flaky = ids.filter((id) => {
      const seen = byStart.flatMap((r) => r.results.filter((x) => x.id === id && x.status !== 'skip').map((x) => x.status))
      return seen.filter((s, i) => i > 0 && s !== seen[i - 1]).length > 1
    })
    const listed = await page.locator('[data-testid=flaky-list] li code').allTextContents()
    expect(listed.sort()).toEqual(flaky.sort())
    for (const id of flaky) expect(await page.locator(`tr[data-check="${id}"] [data-testid=flaky]`).isVisible(), id).toBe(true)
    expect(requested).toEqual([])
  })

  it('writes the same comparison as Markdown for a job summary', async () => {
    const md = await readFile(files.markdown, 'utf8')
    const expected = disagreeing()
    expect(md).toContain(`| Passed of graded | ${targets.map((t) => t.label).join(' | ')} |`)
    const all = reports.map((r) => {
      const graded = r.results.filter((x) => x.status !== 'skip')
      return `**${graded.filter((x) => x.status === 'pass').length}/${graded.length}**`
    })
    expect(md).toContain(`| **All** | ${all.join(' | ')} |`)
    expect(md).toContain(`### Where the targets disagree (${expected.length})`)
    const section = md.slice(md.indexOf('### Where the targets disagree'), md.indexOf('\n### ', md.indexOf('### Where the targets disagree') + 1))
    expect([...section.matchAll(/\[`([A-Z0-9-]+)`\]/g)].map((m) => m[1]).sort()).toEqual([...expected].sort())
    expect(md).toMatch(/\| \*\*≠\*\* \[`HS-PING-TXN-PASSTHROUGH`\]\([^)]+\)( _flaky_)? \|[^|]+\|[^|]+\| ❌ \|/)
    expect(md).not.toMatch(anyToken)
  })
})
