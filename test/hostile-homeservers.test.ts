import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { preflightTimeoutMs } from '../cli/preflight.js'
import { hostileHomeservers } from '../fixtures/hostile-homeservers/index.js'
import { startHostileHomeserver, type HostileHomeserver } from '../fixtures/hostile-homeservers/hostile-homeserver.js'
import { freePort } from '../harness/http/free-port.js'
import { runDeadlineMs } from '../harness/deadlines.js'
import { loadConformanceConfig } from '../harness/registration/conformance-config.js'
import type { RunReport } from '../reports/run-report.js'
import { concurrencyLimit } from '../scripts/support/concurrency-limit.js'
import { configTokens, hasStackTrace } from './support/output-hygiene.js'
import { runCli, type CliRun } from './support/run-cli.js'

/**
 * The real CLI against homeservers that attack its client: each run must end within its
 * deadline with a verdict (exit 1, or 2 where the target cannot be tested), say what it saw,
 * print bounded output, and neither crash nor leak a token.
 */

const hsTimeoutMs = 1_000
/** Process start (node, vitest), preflight and teardown of one CLI run, on a busy two-core machine. */
const startupAllowanceMs = 20_000
/** The deadline each kind of target runs into: the run's (harness/deadlines.ts) or the preflight's. */
const deadlineMs = { ping: runDeadlineMs(hsTimeoutMs), versions: preflightTimeoutMs } as const
/** 10 MB bodies must show as excerpts: the whole output of a run stays far below this. */
const maxOutputBytes = 200 * 1024
/** Whole CLI runs in parallel: each brings its own vitest workers. */
const runAtOnce = concurrencyLimit(3)

interface HostileRun {
  cli: CliRun
  report?: RunReport
  tokens: string[]
}

async function runAgainst(target: HostileHomeserver): Promise<HostileRun> {
  const dir = await mkdtemp(join(tmpdir(), `asp-hostile-${target.name}-`))
  try {
    // init in process (it only writes files): the homeserver run is the child that matters.
    let initErrors = ''
    const quiet = { out: () => undefined, err: (text: string) => void (initErrors += text) }
    if ((await main(['init', '--as-url', `http://127.0.0.1:${await freePort()}`, '--out', dir], quiet)) !== 0) throw new Error(`init failed: ${initErrors}`)
    const config = await loadConformanceConfig(dir)
    const homeserver = await startHostileHomeserver(target, { appservices: Object.values(config.registrations), appserviceTimeoutMs: hsTimeoutMs })
    try {
      const reportFile = join(dir, 'report.json')
      const flags = ['--hs-timeout-ms', String(hsTimeoutMs), '--report', `json=${reportFile}`, ...(target.expected.strict ? ['--strict'] : [])]
      const cli = await runCli(['homeserver', '--hs-url', homeserver.url, '--config', dir, ...flags], {
        timeoutMs: deadlineMs[target.endpoint] + startupAllowanceMs + 30_000,
      })
      const report = await readFile(reportFile, 'utf8').then(
        (text) => JSON.parse(text) as RunReport,
        () => undefined,
      )
      return { cli, ...(report ? { report } : {}), tokens: configTokens(config) }
    } finally {
      await homeserver.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const runs = new Map<string, Promise<HostileRun>>()

beforeAll(() => {
  // Stalling targets first, so that their waits overlap the quick runs.
  const ordered = [...hostileHomeservers].sort((a, b) => Number(Boolean(b.stalls)) - Number(Boolean(a.stalls)))
  for (const target of ordered) {
    const run = runAtOnce(() => runAgainst(target))
    run.catch(() => undefined) // awaited (and reported) by the target's own test
    runs.set(target.name, run)
  }
})

describe.each(hostileHomeservers)('hostile homeserver $name ($misbehaviour)', (target) => {
  const bound = deadlineMs[target.endpoint] + startupAllowanceMs

  it(
    `exits ${target.expected.exitCode} within ${bound / 1000} s, saying what it saw, in bounded output without stack traces or tokens`,
    { timeout: 300_000 },
    async () => {
      const { cli, report, tokens } = await runs.get(target.name)!
      const output = cli.stdout + cli.stderr
      expect(cli.code, output.slice(0, 2_000)).toBe(target.expected.exitCode)
      expect(cli.elapsedMs).toBeLessThan(bound)
      expect(hasStackTrace(output), output.slice(0, 2_000)).toBe(false)
      expect(Buffer.byteLength(output)).toBeLessThan(maxOutputBytes)
      for (const token of tokens) expect(output).not.toContain(token)

      if (target.endpoint === 'versions') {
        // Refused before any check: one line naming the problem and the fix, no report.
        expect(cli.stdout).toBe('')
        expect(cli.stderr.trimEnd().split('\n')).toHaveLength(1)
        expect(cli.stderr).toMatch(/^as-ping-conformance: .+\. Fix: .+\.\n$/)
        expect(cli.stderr).toMatch(target.expected.evidence)
        return
      }
      // stderr carries only the progress lines of a long run (cli/progress.ts); the report is on stdout.
      expect(cli.stderr.split('\n').filter((line) => line && !line.startsWith('… '))).toEqual([])
      expect(cli.stdout).toMatch(target.expected.evidence)
      expect(report, 'the JSON report').toBeDefined()
      // Exit 2 after the checks: the report says why there is no verdict.
      if (target.expected.exitCode === 2) expect(report!.problems.length).toBeGreaterThan(0)
      else expect(report!.problems).toEqual([])
      const graded = report!.results.filter((r) => r.status === 'fail' || (target.expected.strict && r.status === 'warn'))
      expect(graded.length).toBeGreaterThan(0)
      for (const r of report!.results.filter((r) => r.status === 'fail' || r.status === 'warn')) {
        expect(r.message?.trim(), `${r.id} has no message`).toBeTruthy()
        for (const mismatch of r.failure?.mismatches ?? []) expect(mismatch).not.toContain('\n')
      }
    },
  )
})
