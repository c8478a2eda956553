import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appserviceReportTargets } from '../../cli/reference-roles.js'
import { brokenHomeservers } from '../../fixtures/broken-homeservers/index.js'
import { packageRoot } from '../../harness/package-files.js'
import { runCli } from '../support/run-cli.js'
import type { Verdict } from './verdicts.js'

/** One unit of work per repetition: a process that grades one or more targets. */
export interface VerifyJob {
  name: string
  run(): Promise<Map<string, Verdict>>
}

/**
 * The jobs the project's own tests run, so that verify repeats exactly what they grade: the
 * reference run (`reference`: both roles, so the reference homeserver and appservice are two
 * targets), each broken homeserver through the CLI (`reference --variant …`, as
 * test/broken-homeservers.test.ts does), and — once fixtures/broken-appservices exists — the
 * appservice variants through their test file (the library API in vitest).
 */
export async function verifyJobs(): Promise<VerifyJob[]> {
  const homeservers = [undefined, ...brokenHomeservers.map((v) => v.name)].map(homeserverJob)
  return [...homeservers, ...(await appserviceJobs())]
}

function homeserverJob(variant: string | undefined): VerifyJob {
  const name = variant ? `hs:${variant}` : 'hs:reference'
  return {
    name,
    run: () =>
      withTempDir(async (dir) => {
        const file = join(dir, 'report.json')
        const cli = await runCli(['reference', ...(variant ? ['--variant', variant] : []), '--report', `json=${file}`], { timeoutMs: 300_000 })
        const verdicts = new Map([[name, await reportVerdict(file, cli)]])
        // Without --variant, `reference` runs both roles and writes the appservice's report beside the homeserver's.
        if (!variant) verdicts.set('as:reference', await reportVerdict(appserviceReportTargets({ json: file }).json!, cli))
        return verdicts
      }),
  }
}

/** The checks' statuses from a run's JSON report, with the run's exit code (or why there is no report). */
async function reportVerdict(file: string, cli: { code: number | null; stderr: string }): Promise<Verdict> {
  const report = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as { results: { id: string; status: string; message?: string }[] },
    () => undefined,
  )
  return report
    ? {
        exitCode: cli.code,
        checks: Object.fromEntries(report.results.map((r) => [r.id, r.status])),
        messages: Object.fromEntries(report.results.flatMap((r) => (r.message ? [[r.id, short(r.message)]] : []))),
      }
    : { exitCode: cli.code, checks: {}, note: short(firstLine(cli.stderr) || 'no JSON report') }
}

const appserviceIndex = join(packageRoot, 'fixtures', 'broken-appservices', 'index.ts')
const appserviceTest = join('test', 'broken-appservices.test.ts')

/** The appservice variants' test file in one vitest child; each variant becomes a target. */
async function appserviceJobs(): Promise<VerifyJob[]> {
  if (!existsSync(appserviceIndex) || !existsSync(join(packageRoot, appserviceTest))) return []
  const { brokenAppservices } = (await import(appserviceIndex)) as {
    brokenAppservices: readonly { name: string; mustFail: readonly string[]; mustWarn?: readonly string[] }[]
  }
  const expected = new Map(brokenAppservices.map((v) => [v.name, v]))
  return [
    {
      name: 'as:broken-appservices',
      run: () =>
        withTempDir(async (dir) => {
          const file = join(dir, 'vitest.json')
          await runVitestFile(appserviceTest, file)
          const json = await readFile(file, 'utf8').then(
            (text) => JSON.parse(text) as VitestJson,
            () => undefined,
          )
          const verdicts = new Map<string, Verdict>()
          for (const test of json?.testResults.flatMap((f) => f.assertionResults) ?? []) {
            const variant = /broken appservice '([^']+)'/.exec(test.ancestorTitles[0] ?? '')?.[1]
            const id = test.meta?.checkId
            if (!variant || !id) continue
            const entry = verdicts.get(`as:${variant}`) ?? { exitCode: null, checks: {}, messages: {} }
            entry.checks[id] = appserviceStatus(test.status, id, expected.get(variant))
            const failure = test.failureMessages?.[0]
            if (failure) entry.messages![id] = short(failure)
            verdicts.set(`as:${variant}`, entry)
          }
          if (verdicts.size === 0) verdicts.set('as:broken-appservices', { exitCode: null, checks: {}, note: 'the test file gave no results' })
          return verdicts
        }),
    },
  ]
}

interface VitestJson {
  testResults: { assertionResults: { ancestorTitles: string[]; status: string; failureMessages?: string[]; meta?: { checkId?: string } }[] }[]
}

/**
 * The library grades against the variant's expectations: a passing test means the check did what
 * the variant expects (fail, warn or pass), a failing one that it did not.
 */
function appserviceStatus(status: string, id: string, variant?: { mustFail: readonly string[]; mustWarn?: readonly string[] }): string {
  if (status === 'skipped') return 'skip'
  const expected = variant?.mustFail.includes(id) ? 'fail' : variant?.mustWarn?.includes(id) ? 'warn' : 'pass'
  return status === 'passed' ? expected : `not ${expected} as expected`
}

function runVitestFile(file: string, outputFile: string): Promise<void> {
  const vitest = join(packageRoot, 'node_modules', 'vitest', 'vitest.mjs')
  const args = [vitest, 'run', '--config', 'vitest.config.ts', file, '--reporter=json', `--outputFile=${outputFile}`]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: packageRoot, stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', () => resolve())
  })
}

async function withTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'asp-verify-'))
  try {
    return await body(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** One line of at most 160 characters. */
function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  )
}
