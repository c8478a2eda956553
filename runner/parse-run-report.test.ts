import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../harness/usage-error.js'
import { sampleReport } from '../test/support/sample-report.js'
import { parseRunReport } from './parse-run-report.js'

const observedDir = fileURLToPath(new URL('../test/fixtures/observed/', import.meta.url))

describe('parseRunReport', () => {
  it('reads the reports of earlier releases (test/fixtures/observed) and of this one', () => {
    for (const file of readdirSync(observedDir).filter((f) => f.endsWith('.json'))) {
      expect(parseRunReport(readFileSync(`${observedDir}${file}`, 'utf8'), file).format).toBe('as-ping-conformance-report')
    }
    const report = sampleReport()
    expect(parseRunReport(JSON.stringify(report), 'now.json')).toEqual(report)
  })

  it('refuses what is not a report of this tool, or of a version it cannot read', () => {
    expect(() => parseRunReport('{', 'a.json')).toThrow(UsageError)
    expect(() => parseRunReport('{"format":"other"}', 'a.json')).toThrow(/is not an as-ping-conformance report/)
    expect(() => parseRunReport(JSON.stringify({ ...sampleReport(), version: 2 }), 'a.json')).toThrow(/report version 2/)
  })
})
