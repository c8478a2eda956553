import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { sampleFailure, sampleReport, sampleResult, sampleSecondExchangeFailure } from '../test/support/sample-report.js'
import { renderConsoleReport } from './console-report.js'
import { renderHtmlReport } from './html-report.js'
import { renderJunitReport } from './junit-report.js'
import { renderMarkdownReport } from './markdown-report.js'

const report = sampleReport({ expectations: { file: 'expect.yaml', entries: { 'HS-PING-OK': { expect: 'flaky', reason: 'races on CI' } }, skipped: [] } })

describe('console report', () => {
  const text = renderConsoleReport(report)

  it('gives one line per check with id, level and verdict', () => {
    expect(text).toContain('✓ HS-PING-OK  [MUST]  PASS (KNOWN FLAKY)  A valid ping')
    expect(text).toContain('✗ HS-PING-BAD-STATUS  [MUST]  FAIL  ')
    expect(text).toContain('! HS-PING-BAD-STATUS-FIELDS  [SHOULD]  WARN  ')
    expect(text).toMatch(/- HS-PING-USER-TOKEN {2}\[MUST\] {2}SKIP .*\(no --user-token given\)/)
  })

  it('explains a failure in the house style: spec, requirement, expected vs actual, both hops with timings, repro', () => {
    const block = text.slice(text.indexOf('✗ HS-PING-BAD-STATUS  [MUST · since v1.7]  FAIL:'))
    const lines = block.split('\n')
    expect(lines[1]).toMatch(/^ {2}Spec: https:\/\/spec\.matrix\.org\//)
    expect(lines[2]).toMatch(/^ {2}Requirement: "502: /)
    expect(block).toContain('    Expected: HTTP 502, errcode "M_BAD_STATUS"')
    expect(block).toContain('      Actual: HTTP 500 {"errcode":"M_UNKNOWN"}')
    expect(block).toContain(
      '  Exchange (tokens redacted):\n    → POST /_matrix/client/v1/appservice/as-ping-conformance/ping  Authorization: Bearer <as_token#29a37b>',
    )
    expect(block).toContain('    ⇢ stub appservice received POST /_matrix/app/v1/ping at +2 ms  Authorization: Bearer <hs_token#c6e0be>')
    expect(block).toContain('    ← 500 after 4 ms')
    expect(block).toContain('  Reproduce: npx as-ping-conformance homeserver --hs-url "$HS_URL" --config conf --only HS-PING-BAD-STATUS')
    // Its ping's result depends on the stub's arranged answer: no curl, the re-run instead.
    expect(block).toContain('             (needs the stub appservice: re-run with the npx command)')
    expect(block).not.toContain('curl ')
  })

  it('ends with counts by level and the verdict', () => {
    expect(text).toContain(
      'By level: MUST 1 passed, 1 failed, 0 warned, 1 skipped; SHOULD 0 passed, 0 failed, 1 warned, 0 skipped; INFO 1 passed, 0 failed, 0 warned, 0 skipped',
    )
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      'Summary: 5 checks: 2 passed, 1 failed, 1 warned, 1 skipped',
      'The target does not conform (exit 1).',
    ])
  })
})

/** A <testcase> as fast-xml-parser reads it: attributes and child elements as keys. */
interface ParsedTestcase {
  name: string
  classname: string
  failure?: { message: string; '#text': string }
  skipped?: { message: string; '#text': string }
  'system-out'?: string
  properties: { property: { name: string; value: string }[] }
}

describe('JUnit report', () => {
  const parseJunit = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites.testsuite
  const suite = parseJunit(renderJunitReport(report))
  const cases = suite.testcase as ParsedTestcase[]
  const byName = (id: string) => cases.find((c) => c.name.startsWith(`${id}: `))!

  it('has one testcase per check, named "ID: title" as the registry has them, with counts CI systems read', () => {
    expect(cases.map((c) => c.name)).toEqual(report.results.map((r) => `${r.id}: ${r.title}`))
    expect(suite).toMatchObject({ tests: '5', failures: '1', errors: '0', skipped: '1' })
    expect(byName('HS-PING-BAD-STATUS').failure?.message).toContain('FAIL')
    expect(byName('HS-PING-BAD-STATUS').failure?.['#text']).toContain('← 500 after 4 ms')
  })

  it("gives a skip's reason as its text too, the only part GitLab shows", () => {
    expect(byName('HS-PING-USER-TOKEN').skipped).toEqual({ message: 'no --user-token given', '#text': 'no --user-token given' })
  })

  it("classes each testcase by the endpoint it grades: the homeserver's, the appservice's, or the appservice's call to the homeserver", () => {
    expect(new Set(cases.map((c) => c.classname))).toEqual(new Set(['homeserver.ping']))
    const appservice = sampleReport({ role: 'appservice' }, [sampleResult('AS-PING-OK', 'pass'), sampleResult('AS-CLIENT-PINGS', 'pass')])
    const classes = (parseJunit(renderJunitReport(appservice)).testcase as ParsedTestcase[]).map((c) => [c.name.split(':')[0], c.classname])
    expect(classes).toEqual([
      ['AS-PING-OK', 'appservice.ping'],
      ['AS-CLIENT-PINGS', 'appservice.client-ping'],
    ])
  })

  it('keeps a warning visible without failing it', () => {
    const warn = byName('HS-PING-BAD-STATUS-FIELDS')
    expect(warn.failure).toBeUndefined()
    expect(warn['system-out']).toMatch(/^WARNING \(SHOULD\): /)
    expect(warn.properties.property).toContainEqual({ name: 'verdict', value: 'WARN' })
    expect(suite.properties.property).toContainEqual({ name: 'warnings', value: '1' })
  })

  it('carries provenance as properties', () => {
    const names = (suite.properties.property as { name: string }[]).map((p) => p.name)
    expect(names).toEqual(expect.arrayContaining(['Suite', 'Graded against', 'Target advertises', 'Started', 'Duration', 'Config (secrets removed)']))
  })
})

describe('Markdown report', () => {
  const md = renderMarkdownReport(report)
  it('leads with the verdict and a counts table, then each failure collapsed with its exchange', () => {
    expect(md.split('\n')[0]).toBe('## as-ping-conformance: ❌ DOES NOT CONFORM')
    expect(md).toContain('| MUST | 1 | 1 | 0 | 1 |')
    expect(md).toMatch(/<details><summary>❌ <code>HS-PING-BAD-STATUS<\/code> \[MUST\] FAIL: /)
    expect(md).toContain('Authorization: Bearer <as_token#29a37b>')
    expect(md).toContain('| Config hash |')
  })
})

describe('HTML report', () => {
  const html = renderHtmlReport(report)
  it('is one file that loads nothing: no external resources, a CSP that forbids them', () => {
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`)
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i)
    expect(html).not.toMatch(/url\(/)
  })

  it('escapes what it shows', () => {
    expect(html).toContain('&lt;as_token#29a37b&gt;')
    expect(html).not.toContain('<as_token#')
  })
})

describe("a run that graded MSC2659's unstable endpoint", () => {
  const unstablePath = 'POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping'
  // As runner/build-run-report.ts makes it (tested there); the renderings only show it.
  const built = sampleReport({ role: 'appservice' }, [sampleResult('AS-CLIENT-PING-PATH', 'pass')])
  const unstable = {
    ...built,
    dialect: 'unstable' as const,
    // Worded by harness (unstableDialectNotes); the renderings only show it.
    dialectNote:
      "the appservice pinged POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping, MSC2659's unstable endpoint, graded as such",
    endpoints: { ...built.endpoints, pingAppservice: unstablePath },
  }
  const said = "the appservice pinged POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping, MSC2659's unstable endpoint"

  it('is said once in every rendering, with the path it used', () => {
    const capitalised = `T${said.slice(1)}`
    expect(renderConsoleReport(unstable).split(capitalised)).toHaveLength(2)
    expect(renderConsoleReport(unstable, { streamed: new Map() }).split(capitalised)).toHaveLength(2)
    expect(renderMarkdownReport(unstable).split(said)).toHaveLength(2)
    expect(renderHtmlReport(unstable)).toContain(said.replace("'", '&#39;'))
    expect(renderJunitReport(unstable)).toContain(
      '<property name="endpoints graded" value="the appservice pinged POST /_matrix/client/unstable/fi.mau.msc2659/',
    )
  })

  it('is not said of a run on the v1 endpoints', () => {
    const stable = sampleReport({ role: 'appservice' }, [sampleResult('AS-CLIENT-PING-PATH', 'pass')])
    expect(stable.dialect).toBeUndefined()
    expect(renderConsoleReport(stable)).not.toContain('unstable')
  })
})

describe('repro lines', () => {
  const report = sampleReport({}, [sampleSecondExchangeFailure(), sampleFailure()])
  const renderings = {
    console: renderConsoleReport(report),
    junit: renderJunitReport(report),
    markdown: renderMarkdownReport(report),
    html: renderHtmlReport(report),
  }

  it("offer the curl of the exchange that failed, not the check's first (passing) one", () => {
    expect(report.results[0]!.reproduce).toEqual({
      command: 'npx as-ping-conformance homeserver --hs-url "$HS_URL" --config conf --only HS-PING-WRONG-METHOD',
      curl: 'curl -sS -X PUT "$HS_URL/_matrix/client/v1/appservice/as-ping-conformance/ping" -H "Authorization: Bearer $AS_TOKEN"',
    })
    for (const [name, text] of Object.entries(renderings)) {
      expect(text, name).toContain('-X PUT')
      expect(text, name).not.toContain('-X GET')
    }
  })

  it('set their variables with one line per run, reading the tokens from the --config directory', () => {
    expect(report.reproEnvironment).toBe(
      `export HS_URL=https://hs.example AS_TOKEN="$(sed -nE "s/^as_token: *[\\"']?([^\\"' ]*).*/\\1/p" conf/as-ping-conformance.yaml)"`,
    )
    for (const [name, text] of Object.entries(renderings)) {
      expect(text.split('export HS_URL=').length - 1, name).toBe(1)
    }
  })

  it('offer the re-run alone when the run cannot say where the variables come from (the reference)', () => {
    const reference = sampleReport({ reproCommand: (id) => `npx as-ping-conformance reference --only ${id}`, reproVariables: undefined }, [
      sampleSecondExchangeFailure(),
    ])
    expect(reference.results[0]!.reproduce).toEqual({ command: 'npx as-ping-conformance reference --only HS-PING-WRONG-METHOD' })
    expect(reference.reproEnvironment).toBeUndefined()
    expect(renderConsoleReport(reference)).not.toContain('set their variables')
  })

  it('offer no curl when the check did not say which of several exchanges failed', () => {
    const unnamed = sampleSecondExchangeFailure()
    delete unnamed.failure!.exchangeIndex
    expect(sampleReport({}, [unnamed]).results[0]!.reproduce).toEqual({
      command: 'npx as-ping-conformance homeserver --hs-url "$HS_URL" --config conf --only HS-PING-WRONG-METHOD',
    })
  })
})

describe("a run graded on MSC2659's unstable endpoints says so near the top of every rendering", () => {
  const unstable = sampleReport({ dialect: 'unstable' })
  const said =
    /advertises only fi\.mau\.msc2659 .*MSC2659's unstable endpoints: POST \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/\{appserviceId\}\/ping/

  it('in the report: dialect, its note and the unstable endpoint titles; a stable run has neither field', () => {
    expect(unstable).toMatchObject({
      dialect: 'unstable',
      dialectNote: expect.stringMatching(said),
      endpoints: { ping: 'POST /_matrix/app/unstable/fi.mau.msc2659/ping' },
    })
    expect(report.dialect).toBeUndefined()
    expect(report.dialectNote).toBeUndefined()
  })

  it('console (the header), markdown, HTML and JUnit', () => {
    expect(renderConsoleReport(unstable).split('\n')[1]).toMatch(said)
    expect(renderMarkdownReport(unstable).split('\n').slice(0, 6).join('\n')).toMatch(said)
    // Both escape the apostrophe of "MSC2659's".
    const escaped = /advertises only fi\.mau\.msc2659 .*POST \/_matrix\/client\/unstable\/fi\.mau\.msc2659\/appservice\/\{appserviceId\}\/ping/
    expect(renderHtmlReport(unstable)).toMatch(new RegExp(`<p class="dialect" data-testid="dialect">Note: the homeserver ${escaped.source}`))
    expect(renderJunitReport(unstable)).toMatch(new RegExp(`<property name="endpoints graded" value="the homeserver ${escaped.source}`))
    expect(renderConsoleReport(report)).not.toMatch(said)
  })
})
