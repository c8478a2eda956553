import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { chromiumPath, launchChromium } from './support/chromium.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtmlReport } from '../reports/html-report.js'
import type { RunReport } from '../reports/run-report.js'
import { runCli } from './support/run-cli.js'
import { readReport } from './support/read-report.js'
import { anyToken } from './support/reference-variant-runs.js'
import { sampleReport } from './support/sample-report.js'

/**
 * A real run with a failure of each kind the diagram draws: the homeserver's wrong answer after
 * the stub's 403 (HS-PING-BAD-STATUS, the spec's "Incorrect hs_token"), its wrong answer when it
 * cannot connect (HS-PING-CONNECTION-REFUSED, "Can't connect"), a warning, a pass and a
 * consequence's skip. The variant answers 500 for every appservice failure.
 */
const brokenRun = [
  'reference',
  '--variant',
  'appservice-failures-as-500',
  '--hs-timeout-ms',
  '5000',
  '--only',
  'HS-PING-OK,HS-PING-BAD-STATUS,HS-PING-BAD-STATUS-FIELDS,HS-PING-CONNECTION-REFUSED,HS-PING-REDIRECT,HS-PING-USER-TOKEN',
]

/** The HTML report in a real headless Chromium: it opens from disk, counts right, filters, draws each failure's exchange, and asks the network for nothing. */
describe('HTML report in headless Chromium', () => {
  let dir: string
  let context: BrowserContext
  let run: { report: RunReport; html: string; htmlFile: string }
  const requested: string[] = []

  beforeAll(async () => {
    // CI installs Debian's chromium (.ci/run); without it this test must fail loudly, never skip.
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`)
    dir = await mkdtemp(join(tmpdir(), 'asp-html-'))
    const [jsonFile, htmlFile] = [join(dir, 'run.json'), join(dir, 'run.html')]
    const [cli] = await Promise.all([runCli([...brokenRun, '--report', `json=${jsonFile},html=${htmlFile}`]), launchChromium(dir).then((c) => (context = c))])
    expect(cli.code, cli.stderr).toBe(1)
    run = { report: await readReport(jsonFile), html: await readFile(htmlFile, 'utf8'), htmlFile }
    await context.route('**', (route) => {
      const url = route.request().url()
      if (url.startsWith('file://')) return route.continue()
      requested.push(url)
      return route.abort()
    })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function open(file: string): Promise<Page> {
    const page = await context.newPage()
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requested.push(r.url())
    })
    await page.goto(pathToFileURL(file).href)
    return page
  }

  /** How wide the page is laid out, scrolled sideways or not. */
  async function scrollWidth(page: Page): Promise<number> {
    return page.locator('html').evaluate((html) => html.scrollWidth)
  }

  /** The ids and statuses of the rows on screen, in page order. */
  function visibleRows(page: Page): Promise<{ id: string; status: string }[]> {
    return page.$$eval('tr[data-status]', (rows) =>
      rows.filter((r) => r.checkVisibility()).map((r) => ({ id: r.getAttribute('data-check') ?? '', status: r.getAttribute('data-status') ?? '' })),
    )
  }

  it('shows the verdict and counts, opens the failure to its exchange and collapses it, and wraps a long provenance value', async () => {
    const file = join(dir, 'sample.html')
    // A CI path with no space to break at: the provenance table was 2881 px wide with it before its values wrapped.
    const registration = `${'/builds/0123456789abcdef/very/long/path'.repeat(8)}/registration.yaml`
    await writeFile(file, renderHtmlReport(sampleReport({ provenance: { node: 'v20.0.0', platform: 'linux-x64', config: { registration } } })))
    const page = await open(file)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1280)
    expect(await page.locator('dl.provenance').textContent()).toContain(registration)

    expect(await page.textContent('[data-testid=verdict]')).toBe('DOES NOT CONFORM')
    const count = (k: string) => page.textContent(`[data-count=${k}] .n`)
    expect([await count('pass'), await count('fail'), await count('warn'), await count('skip'), await count('total')]).toEqual(['2', '1', '1', '1', '5'])
    expect(await page.locator('tr[data-level=MUST] td').allTextContents()).toEqual(['1', '1', '0', '1'])

    const failure = page.locator('tr[data-check="HS-PING-BAD-STATUS"]')
    const exchange = failure.locator('[data-testid=exchange]')
    expect(await exchange.isVisible()).toBe(true)
    expect(await exchange.textContent()).toContain('⇢ stub appservice received POST /_matrix/app/v1/ping at +2 ms')
    expect(await exchange.textContent()).toContain('← 500 after 4 ms')
    await failure.locator('summary').click()
    expect(await exchange.isVisible()).toBe(false)
    expect(requested).toEqual([])
  })

  it("a real run's report: failures first and open, no horizontal overflow at 1280 px, chips that filter, each failure's exchange drawn with the wrong hop marked", async () => {
    const { report, html } = run
    expect(html).not.toMatch(anyToken)
    const page = await open(run.htmlFile)

    // Nothing wider than the window (the provenance table used to be).
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1280)
    const screenshot = join(dir, 'report-1280.png')
    await page.screenshot({ path: screenshot })
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000)

    // Failures first, open; then the warning; then the rest.
    const all = await visibleRows(page)
    expect(all).toHaveLength(report.summary.total)
    const order = all.map((r) => r.status)
    expect(order.slice(0, report.summary.fail)).toEqual(Array(report.summary.fail).fill('fail'))
    expect(order[report.summary.fail]).toBe('warn')
    expect(await page.$$eval('tr[data-status=fail] details', (ds) => ds.map((d) => d.open))).toEqual([true, true])
    expect(await page.$$eval('tr[data-status=warn] details', (ds) => ds.map((d) => d.open))).toEqual([false])

    // A chip shows only its status's rows and says it is on; the total shows them all again.
    for (const status of ['warn', 'fail', 'pass', 'skip'] as const) {
      await page.click(`[data-filter=${status}]`)
      const shown = await visibleRows(page)
      expect(shown.map((r) => r.status)).toEqual(Array(report.summary[status]).fill(status))
      expect(await page.getAttribute(`[data-filter=${status}]`, 'aria-pressed')).toBe('true')
      expect(await page.getAttribute('[data-count=total]', 'aria-pressed')).toBe('false')
    }
    await page.click('[data-filter=skip]')
    expect(await visibleRows(page)).toHaveLength(report.summary.total)
    await page.click('[data-filter=fail]')
    await page.click('[data-count=total]')
    expect(await visibleRows(page)).toHaveLength(report.summary.total)
    expect(await page.getAttribute('[data-count=total]', 'aria-pressed')).toBe('true')

    // "Can't connect": the call out struck through, the homeserver's answer marked, its expected and actual beside it.
    const refused = page.locator('tr[data-check="HS-PING-CONNECTION-REFUSED"]')
    const diagram = refused.locator('[data-testid=sequence-diagram]')
    expect(await diagram.isVisible()).toBe(true)
    await refused.locator('summary').click()
    expect(await diagram.isVisible()).toBe(false)
    await refused.locator('summary').click()
    expect(await diagram.isVisible()).toBe(true)
    const hops = await diagram.locator('g[data-hop]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-step'), g.getAttribute('class')]))
    expect(hops).toEqual([
      ['request', 'hop'],
      ['call-out', 'hop missing'],
      ['answer', 'hop wrong'],
    ])
    const wrong = diagram.locator('g[data-marked=true]')
    expect(await wrong.isVisible()).toBe(true)
    expect(await wrong.locator('.arrow').evaluate((line) => line.ownerDocument.defaultView!.getComputedStyle(line).stroke)).toBe('rgb(207, 34, 46)')
    expect(await wrong.locator('.marker').isVisible()).toBe(true)
    const beside = diagram.locator('[data-testid=hop-verdict]')
    expect(await beside.isVisible()).toBe(true)
    expect(await beside.textContent()).toContain('expected: HTTP 502, errcode "M_CONNECTION_FAILED"')
    // Beside the marked hop: level with it, right of the lifelines.
    const [hopBox, besideBox] = [await wrong.locator('.arrow').boundingBox(), await beside.locator('rect').boundingBox()]
    expect(besideBox!.x).toBeGreaterThan(hopBox!.x + hopBox!.width)
    expect(besideBox!.y).toBeLessThanOrEqual(hopBox!.y)
    expect(besideBox!.y + besideBox!.height).toBeGreaterThan(hopBox!.y)

    // "Incorrect hs_token": the stub's 403 drawn, the homeserver's answer marked.
    const badStatus = page.locator('tr[data-check="HS-PING-BAD-STATUS"] [data-testid=sequence-diagram]')
    expect(await badStatus.locator('g[data-hop]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-step')))).toEqual([
      'request',
      'call-out',
      'call-out-answer',
      'answer',
    ])
    expect(await badStatus.locator('g[data-step=call-out-answer] .label').textContent()).toBe('403')
    expect(await badStatus.locator('g[data-marked=true]').getAttribute('data-step')).toBe('answer')

    // The warning starts closed; opening it shows its diagram.
    const warning = page.locator('tr[data-status=warn]')
    expect(await warning.locator('[data-testid=sequence-diagram]').isVisible()).toBe(false)
    await warning.locator('summary').click()
    expect(await warning.locator('[data-testid=sequence-diagram] g[data-marked=true]').isVisible()).toBe(true)

    expect(requested).toEqual([])
  })
})
