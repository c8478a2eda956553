/**
 * `npm run bench`: how close a full conformance run comes to its floor on this machine, how much
 * of a bare fetch loop's throughput the load mode keeps, and how much memory a run takes. It
 * spawns the real CLI, as a user runs it; every figure is the median of --runs runs, with min and
 * max beside it and the 1-minute load average of the machine while it was taken (the figures
 * mean little on a busy machine). A benchmark, not a test: it prints targets, it asserts none.
 *
 *   node --import tsx bench/run-bench.ts [--runs 5] [--hs-timeout-ms 2000] [--pings 1000] [--concurrency 50] [--json FILE]
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { RunReport } from '../reports/run-report.js'
import { measureProcess, type ProcessMeasurement } from './measure-process.js'
import { spread, type Spread } from './spread.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const node = process.execPath
const cli = join(root, 'bin', 'as-ping-conformance.js')

/** The targets. */
const targets = { homeserverRatio: 1.3, appserviceRatio: 1.5, loadShare: 0.5, peakRssMb: 150 }

/** The full homeserver run against the reference homeserver (`reference` alone runs both roles). */
const homeserverRunArgs = ['reference', '--role', 'homeserver']

/**
 * The full appservice run against the reference appservice. Measured once `reference` can run
 * it and this run exits 0; until then the bench says "not available yet".
 */
const appserviceRunArgs = ['reference', '--role', 'appservice']

/** Pings of the load figures wait for the reference homeserver this long: a starved ping must not time out. */
const loadHsTimeoutMs = '30000'

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'hs-timeout-ms': { type: 'string', default: '2000' },
    pings: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    json: { type: 'string' },
  },
})
const runs = Number(flags.runs)
const hsTimeoutMs = Number(flags['hs-timeout-ms'])
const pings = flags.pings
const concurrency = flags.concurrency

/** One row of the table. */
interface Row {
  figure: string
  median?: string
  min?: string
  max?: string
  target?: string
  met?: boolean
  /** Median CPU time of the process tree: the work done, which other load on the machine barely moves. */
  cpu?: string
  loadAverage?: number
  note?: string
}

const rows: Row[] = []
const figures: Record<string, unknown> = {}
const scratch = await mkdtemp(join(os.tmpdir(), 'asp-bench-'))

process.stdout.write(`${machineLine()}\nRunning each figure ${runs} times; this takes a minute or two.\n\n`)

// 1. The homeserver run next to its floor: T (the homeserver's own appservice timeout, which the
// 504 check must wait out) plus starting vitest for one empty test. Interleaved, so both see the same noise.
const bare: Sample[] = []
const homeserver: Sample[] = []
for (let i = 0; i < runs; i++) {
  bare.push(await sample(node, [join(root, 'bench', 'bare-vitest', 'run-empty.mjs')]))
  homeserver.push(await sample(node, [cli, ...homeserverRunArgs, '--hs-timeout-ms', String(hsTimeoutMs)]))
}
const bareWall = spreadOf(bare, (s) => s.run.wallMs / 1000)
const homeserverWall = spreadOf(homeserver, (s) => s.run.wallMs / 1000)
const homeserverRatio = homeserverWall.median / (hsTimeoutMs / 1000 + bareWall.median)
const peakRss = spreadOf(homeserver, (s) => s.run.peakRssMb ?? NaN)
rows.push(
  timeRow('bare vitest run: node start + 1 empty test', bareWall, bare),
  timeRow(`homeserver full run (reference, T = ${hsTimeoutMs / 1000} s)`, homeserverWall, homeserver),
  {
    figure: '  full run / (T + bare vitest run)',
    median: homeserverRatio.toFixed(2),
    target: `≤ ${targets.homeserverRatio}`,
    met: homeserverRatio <= targets.homeserverRatio,
  },
  {
    figure: '  peak RSS of the full run (process tree)',
    ...spreadCells(peakRss, (v) => `${v.toFixed(0)} MB`),
    target: `≤ ${targets.peakRssMb} MB`,
    met: peakRss.median <= targets.peakRssMb,
  },
)
Object.assign(figures, { bareVitestSeconds: bareWall, homeserverRunSeconds: homeserverWall, homeserverRatio, peakRssMb: peakRss })

// 2. The appservice run against the reference appservice: no timeout to wait out, so its floor is the bare vitest run.
const appserviceTrial = await appserviceTrialRun()
if (typeof appserviceTrial === 'string') {
  rows.push({ figure: 'appservice full run (reference appservice)', note: `not available yet (${appserviceTrial})` })
} else {
  // The trial run is the first of the figure's runs.
  const appservice: Sample[] = [appserviceTrial]
  while (appservice.length < runs) appservice.push(await sample(node, [cli, ...appserviceRunArgs]))
  const appserviceWall = spreadOf(appservice, (s) => s.run.wallMs / 1000)
  const appserviceRatio = appserviceWall.median / bareWall.median
  rows.push(timeRow('appservice full run (reference appservice)', appserviceWall, appservice), {
    figure: '  full run / bare vitest run',
    median: appserviceRatio.toFixed(2),
    target: `≤ ${targets.appserviceRatio}`,
    met: appserviceRatio <= targets.appserviceRatio,
  })
  Object.assign(figures, { appserviceRunSeconds: appserviceWall, appserviceRatio })
}

// 3. The load mode's throughput next to a bare loop of fetch calls doing the same pings at the same concurrency.
const suiteLoad: Sample[] = []
const bareLoop: Sample[] = []
for (let i = 0; i < runs; i++) {
  const report = join(scratch, `load-${i}.json`)
  suiteLoad.push(
    await sample(
      node,
      [
        cli,
        ...homeserverRunArgs,
        '--only',
        'HS-PING-LOAD',
        '--load',
        pings,
        '--concurrency',
        concurrency,
        '--hs-timeout-ms',
        loadHsTimeoutMs,
        '--report',
        `json=${report}`,
      ],
      async () => {
        const { load } = JSON.parse(await readFile(report, 'utf8')) as RunReport
        if (!load || load.mismatches > 0) throw new Error(`the load run against the reference was not clean: ${JSON.stringify(load)}`)
        return load.throughputPerSec
      },
    ),
  )
  bareLoop.push(
    await sample(
      node,
      ['--import', 'tsx', join(root, 'bench', 'bare-ping-loop.ts'), '--pings', pings, '--concurrency', concurrency, '--hs-timeout-ms', loadHsTimeoutMs],
      async (run) => {
        return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { throughputPerSec: number }).throughputPerSec
      },
    ),
  )
}
const suiteThroughput = spreadOf(suiteLoad, (s) => s.value!)
const bareThroughput = spreadOf(bareLoop, (s) => s.value!)
const loadShare = suiteThroughput.median / bareThroughput.median
rows.push(
  { figure: `load mode: ${pings} pings, ${concurrency} at a time`, ...spreadCells(suiteThroughput, perSecond), loadAverage: medianLoad(suiteLoad) },
  { figure: '  bare fetch loop, same pings, same concurrency', ...spreadCells(bareThroughput, perSecond), loadAverage: medianLoad(bareLoop) },
  {
    figure: '  load mode / bare loop',
    median: `${(loadShare * 100).toFixed(0)}%`,
    target: `≥ ${targets.loadShare * 100}%`,
    met: loadShare >= targets.loadShare,
  },
)
Object.assign(figures, { loadThroughputPerSec: suiteThroughput, bareLoopThroughputPerSec: bareThroughput, loadShare })

process.stdout.write(`${renderTable(rows)}\n\n`)
process.stdout.write('cpu: CPU time of the process tree (median); load avg: the 1-minute load average as the runs started (median).\n')
const busiest = Math.max(...rows.map((r) => r.loadAverage ?? 0))
if (busiest > os.cpus().length) {
  process.stdout.write(
    `The machine was busy (load average up to ${busiest.toFixed(1)} on ${os.cpus().length} CPUs): wall times and their ratios are inflated; the CPU times are the steadier figures.\n`,
  )
}
process.stdout.write(
  `Load average after the runs: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
)
if (flags.json) {
  await writeFile(
    flags.json,
    `${JSON.stringify({ machine: machine(), runs, hsTimeoutMs, pings: Number(pings), concurrency: Number(concurrency), figures, rows }, null, 2)}\n`,
  )
}
await rm(scratch, { recursive: true, force: true })

/** One run of a command, with the figure read from it and the machine's load when it started. */
interface Sample {
  run: ProcessMeasurement
  value?: number
  loadAverage: number
}

/** Runs a command once; it must succeed, or the figures would describe a failure. */
async function sample(command: string, args: string[], read?: (run: ProcessMeasurement) => Promise<number>): Promise<Sample> {
  const loadAverage = os.loadavg()[0]!
  const run = await measureProcess(command, args, { cwd: root })
  if (run.code !== 0)
    throw new Error(`\`${[command, ...args].join(' ')}\` exited ${run.code}: ${(run.stderr || run.stdout).trim().split('\n').slice(-3).join(' | ')}`)
  return { run, loadAverage, ...(read ? { value: await read(run) } : {}) }
}

function spreadOf(samples: readonly Sample[], value: (s: Sample) => number): Spread {
  return spread(samples.map(value))
}

function medianLoad(samples: readonly Sample[]): number {
  return spread(samples.map((s) => s.loadAverage)).median
}

function spreadCells(s: Spread, show: (v: number) => string): Pick<Row, 'median' | 'min' | 'max'> {
  return { median: show(s.median), min: show(s.min), max: show(s.max) }
}

function timeRow(figure: string, s: Spread, samples: readonly Sample[]): Row {
  const cpu = samples.every((x) => x.run.cpuMs !== undefined) ? `${(spreadOf(samples, (x) => x.run.cpuMs!).median / 1000).toFixed(2)} s` : undefined
  return { figure, ...spreadCells(s, (v) => `${v.toFixed(2)} s`), ...(cpu ? { cpu } : {}), loadAverage: medianLoad(samples) }
}

function perSecond(v: number): string {
  return `${v.toFixed(0)}/s`
}

/** The first appservice run, or why the appservice figure cannot be taken yet. */
async function appserviceTrialRun(): Promise<Sample | string> {
  if (!existsSync(join(root, 'fixtures', 'reference-appservice', 'main.ts'))) return 'no fixtures/reference-appservice'
  const help = await measureProcess(node, [cli, 'reference', '--help'], { cwd: root })
  if (!/--role\b[^]*\bappservice\b/.test(help.stdout)) return '`reference` cannot run the appservice suite'
  return sample(node, [cli, ...appserviceRunArgs]).catch((error: unknown) => (error as Error).message)
}

function machine() {
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  }
}

function machineLine(): string {
  const m = machine()
  return `as-ping-conformance benchmark, ${m.date.slice(0, 16).replace('T', ' ')} UTC: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node} (${m.platform}); load average ${m.loadAverage.join(' ')}`
}

function renderTable(table: readonly Row[]): string {
  const header = ['figure', 'median', 'min', 'max', 'target', 'met', 'cpu', 'load avg']
  const cells = table.map((r) =>
    r.note
      ? [r.figure, r.note]
      : [
          r.figure,
          r.median ?? '',
          r.min ?? '',
          r.max ?? '',
          r.target ?? '',
          r.met === undefined ? '' : r.met ? 'yes' : 'NO',
          r.cpu ?? '',
          r.loadAverage === undefined ? '' : r.loadAverage.toFixed(2),
        ],
  )
  const full = cells.filter((c) => c.length === header.length)
  const widths = header.map((h, i) => Math.max(h.length, ...full.map((c) => c[i]!.length)))
  const line = (c: readonly string[]) =>
    c.length === header.length ? c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ') : `${c[0]!.padEnd(widths[0]!)}  ${c[1]}`
  return [line(header), ...cells.map(line)].join('\n')
}
