import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderHtmlReport } from '../reports/html-report.js'
import { sampleReport } from './support/sample-report.js'

const chromiumPath = '/usr/bin/chromium'

/** The HTML report in a real headless Chromium: it opens from disk, counts right, expands a failure, and asks the network for nothing. */
describe('HTML report in headless Chromium', () => {
  let dir: string
  let context: BrowserContext
  const requested: string[] = []

  beforeAll(async () => {
    // CI installs Debian's chromium (.ci/run); without it this test must fail loudly, never skip.
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`)
    dir = await mkdtemp(join(tmpdir(), 'asp-html-'))
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    await context.route('**', (route) => {
      const url = route.request().url()
      if (url.startsWith('file://')) return route.continue()
      requested.push(url)
      return route.abort()
    })
  })

  afterAll(async () => {
    await context?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('shows the verdict and counts, expands a failure to its exchange, and filters', async () => {
    const file = join(dir, 'report.html')
    await writeFile(file, renderHtmlReport(sampleReport()))
    const page = await context.newPage()
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requested.push(r.url())
    })
    await page.goto(pathToFileURL(file).href)

    expect(await page.textContent('[data-testid=verdict]')).toBe('DOES NOT CONFORM')
    const count = (k: string) => page.textContent(`[data-count=${k}] .n`)
    expect([await count('pass'), await count('fail'), await count('warn'), await count('skip'), await count('total')]).toEqual(['2', '1', '1', '1', '5'])
    expect(await page.locator('tr[data-level=MUST] td').allTextContents()).toEqual(['1', '1', '0', '1'])

    const failure = page.locator('tr[data-check="HS-PING-BAD-STATUS"]')
    const exchange = failure.locator('[data-testid=exchange]')
    expect(await exchange.isVisible()).toBe(false)
    await failure.locator('summary').click()
    expect(await exchange.isVisible()).toBe(true)
    expect(await exchange.textContent()).toContain('⇢ stub appservice received POST /_matrix/app/v1/ping at +2 ms')
    expect(await exchange.textContent()).toContain('← 500 after 4 ms')

    expect(await page.locator('tr[data-check="HS-PING-OK"]').isVisible()).toBe(true)
    await page.check('#only-attention')
    expect(await page.locator('tr[data-check="HS-PING-OK"]').isVisible()).toBe(false)
    expect(await failure.isVisible()).toBe(true)

    expect(requested).toEqual([])
  })
})
