/**
 * `npm run bench`: every figure of issue 13's table next to its target, met or not, on this
 * machine: how close the full runs come to their floors, how long the commands that need no run
 * take, how much of a bare fetch loop's throughput the load mode keeps and whether its memory
 * grows with N, and how much memory a run takes. It builds the package and spawns the built CLI
 * (dist/cli/bin.js), as users run it; every figure is the median of --runs runs, with min and max
 * beside it and the 1-minute load average of the machine while it was taken (the figures mean
 * little on a busy machine). A benchmark, not a test: it prints targets, it asserts none.
 *
 *   node --import tsx bench/run-bench.ts [--runs 5] [--hs-timeout-ms 2000] [--pings 2000]
 *     [--memory-pings 200000] [--memory-runs N (default: --runs)] [--npm-test] [--json FILE]
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { RunReport } from '../reports/run-report.js'
import { timeAppserviceStart } from './appservice-start.js'
import { renderTable, type Row } from './bench-table.js'
import { measureProcess, type ProcessMeasurement } from './measure-process.js'
import { spread, type Spread } from './spread.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const node = process.execPath
/** The built CLI, as users run it (`npm run build` first, below). */
const cli = join(root, 'dist', 'cli', 'bin.js')
const referenceAppservice = join(root, 'dist', 'fixtures', 'reference-appservice', 'main.js')

/** Issue 13's targets. */
const targets = {
  homeserverRatio: 1.1,
  appserviceRatio: 1.5,
  peakRssMb: 120,
  startUpMs: 200,
  loadShare: 0.9,
  loadRssGrowthMb: 10,
  npmTestMinutes: 4,
}

/** The full homeserver run against the reference homeserver (`reference` alone runs both roles). */
const homeserverRunArgs = ['reference', '--role', 'homeserver']
/** The full appservice run against the reference appservice, which `reference` spawns. */
const appserviceRunArgs = ['reference', '--role', 'appservice']
/** The spawned reference appservice's processes: the target's, not the suite's, in the appservice run's memory. */
const isSpawnedTarget = (commandLine: string) => commandLine.includes('reference-appservice/main')

/** Pings of the load figures wait for the reference homeserver this long: a starved ping must not time out. */
const loadHsTimeoutMs = '30000'
/** The two concurrencies whose throughput the issue sets a target for. */
const loadConcurrencies = ['50', '500']
/** The load sizes whose peak memory is compared: a streaming load holds the same at both. */
const memorySmallPings = 10_000

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'hs-timeout-ms': { type: 'string', default: '2000' },
    pings: { type: 'string', default: '2000' },
    'memory-pings': { type: 'string', default: '200000' },
    'memory-runs': { type: 'string' },
    'npm-test': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
})
const runs = Number(flags.runs)
const hsTimeoutMs = Number(flags['hs-timeout-ms'])
const pings = flags.pings
const memoryPings = Number(flags['memory-pings'])
const memoryRuns = Number(flags['memory-runs'] ?? runs)

const rows: Row[] = []
const figures: Record<string, unknown> = {}
const scratch = await mkdtemp(join(os.tmpdir(), 'asp-bench-'))

process.stdout.write(`${machineLine()}\nBuilding, then running each figure ${runs} times (the large load ${memoryRuns}); this takes a while.\n\n`)
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })

// 1. Start-up: commands that need no run at all.
progress('start-up: --version, --help, list')
for (const args of [['--version'], ['--help'], ['list']]) {
  const samples: Sample[] = []
  for (let i = 0; i < runs; i++) samples.push(await sample(node, [cli, ...args]))
  const wall = spreadOf(samples, (s) => s.run.wallMs)
  rows.push({
    figure: `\`${args.join(' ')}\` wall time`,
    ...spreadCells(wall, milliseconds),
    ...cpuCell(samples),
    loadAverage: medianLoad(samples),
    target: `≤ ${targets.startUpMs} ms`,
    met: wall.median <= targets.startUpMs,
  })
  figures[`startUp ${args.join(' ')} ms`] = wall
}

// 2. The homeserver run next to its floor: T (the homeserver's own appservice timeout, which the
// 504 check must wait out) plus starting vitest for one empty test. Interleaved, so both see the same noise.
progress('bare vitest run and homeserver full run')
const bare: Sample[] = []
const homeserver: Sample[] = []
for (let i = 0; i < runs; i++) {
  bare.push(await sample(node, [join(root, 'bench', 'bare-vitest', 'run-empty.mjs')]))
  homeserver.push(await sample(node, [cli, ...homeserverRunArgs, '--hs-timeout-ms', String(hsTimeoutMs)]))
}
const bareWall = spreadOf(bare, (s) => s.run.wallMs / 1000)
const homeserverWall = spreadOf(homeserver, (s) => s.run.wallMs / 1000)
const homeserverRatio = homeserverWall.median / (hsTimeoutMs / 1000 + bareWall.median)
const homeserverRss = spreadOf(homeserver, (s) => s.run.peakRssMb ?? NaN)
rows.push(
  timeRow('bare vitest run: node start + 1 empty test', bareWall, bare),
  timeRow(`homeserver full run (reference, T = ${hsTimeoutMs / 1000} s)`, homeserverWall, homeserver),
  ratioRow('  full run / (T + bare vitest run)', homeserverRatio, targets.homeserverRatio),
  rssRow('  peak RSS of the full run (whole process tree)', homeserverRss),
)
Object.assign(figures, { bareVitestSeconds: bareWall, homeserverRunSeconds: homeserverWall, homeserverRatio, homeserverPeakRssMb: homeserverRss })

// 3. The appservice run against the spawned reference appservice: its floor is the bare vitest
// run plus one start of the appservice it spawns.
progress('reference appservice start and appservice full run')
const appserviceStarts: number[] = []
for (let i = 0; i < runs; i++) appserviceStarts.push((await timeAppserviceStart(referenceAppservice)) / 1000)
const appserviceStart = spread(appserviceStarts)
const appservice: Sample[] = []
for (let i = 0; i < runs; i++) appservice.push(await sample(node, [cli, ...appserviceRunArgs], undefined, isSpawnedTarget))
const appserviceWall = spreadOf(appservice, (s) => s.run.wallMs / 1000)
const appserviceRatio = appserviceWall.median / (bareWall.median + appserviceStart.median)
const appserviceRss = spreadOf(appservice, (s) => s.run.peakRssMb ?? NaN)
rows.push(
  { figure: 'one start of the reference appservice (spawn → port accepts)', ...spreadCells(appserviceStart, seconds) },
  timeRow('appservice full run (reference appservice, spawned)', appserviceWall, appservice),
  ratioRow('  full run / (bare vitest run + one appservice start)', appserviceRatio, targets.appserviceRatio),
  rssRow("  peak RSS of the run (the suite's processes, not the appservice's)", appserviceRss),
)
Object.assign(figures, { appserviceStartSeconds: appserviceStart, appserviceRunSeconds: appserviceWall, appserviceRatio, appservicePeakRssMb: appserviceRss })

// 4. The load mode's throughput next to a bare loop of fetch calls doing the same pings at the same concurrency.
for (const concurrency of loadConcurrencies) {
  progress(`load mode and bare fetch loop, ${pings} pings, ${concurrency} at a time`)
  const suiteLoad: Sample[] = []
  const bareLoop: Sample[] = []
  for (let i = 0; i < runs; i++) {
    suiteLoad.push(await loadRun(Number(pings), concurrency))
    bareLoop.push(
      await sample(
        node,
        ['--import', 'tsx', join(root, 'bench', 'bare-ping-loop.ts'), '--pings', pings, '--concurrency', concurrency, '--hs-timeout-ms', loadHsTimeoutMs],
        async (run) => (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { throughputPerSec: number }).throughputPerSec,
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
  figures[`load C=${concurrency}`] = { loadThroughputPerSec: suiteThroughput, bareLoopThroughputPerSec: bareThroughput, loadShare }
}

// 5. The load mode's memory: the peak of a small load and of a large one, at the default concurrency's 50.
const memoryConcurrency = loadConcurrencies[0]!
progress(`load mode memory: ${memorySmallPings} and ${memoryPings} pings`)
const small: Sample[] = []
const large: Sample[] = []
for (let i = 0; i < memoryRuns; i++) {
  small.push(await loadRun(memorySmallPings, memoryConcurrency))
  large.push(await loadRun(memoryPings, memoryConcurrency))
}
const smallRss = spreadOf(small, (s) => s.run.peakRssMb ?? NaN)
const largeRss = spreadOf(large, (s) => s.run.peakRssMb ?? NaN)
const rssGrowth = largeRss.median - smallRss.median
rows.push(
  {
    figure: `load mode peak RSS, ${memorySmallPings} pings, ${memoryConcurrency} at a time`,
    ...spreadCells(smallRss, megabytes),
    loadAverage: medianLoad(small),
  },
  { figure: `load mode peak RSS, ${memoryPings} pings (${memoryRuns} runs)`, ...spreadCells(largeRss, megabytes), loadAverage: medianLoad(large) },
  {
    figure: '  growth',
    median: `${rssGrowth < 0 ? '−' : '+'}${megabytes(Math.abs(rssGrowth))}`,
    target: `≤ ${targets.loadRssGrowthMb} MB`,
    met: rssGrowth <= targets.loadRssGrowthMb,
  },
)
Object.assign(figures, { loadPeakRssSmallMb: smallRss, loadPeakRssLargeMb: largeRss, loadRssGrowthMb: rssGrowth })

// 6. The project's own tests: minutes, so only when asked for, and once.
if (flags['npm-test']) {
  progress('npm test')
  const run = await sample('npm', ['test'])
  const minutes = run.run.wallMs / 60_000
  rows.push({
    figure: '`npm test` wall time (1 run)',
    median: `${minutes.toFixed(1)} min`,
    ...cpuCell([run]),
    loadAverage: run.loadAverage,
    target: `≤ ${targets.npmTestMinutes} min`,
    met: minutes <= targets.npmTestMinutes,
  })
  figures.npmTestMinutes = minutes
} else {
  rows.push({ figure: '`npm test` wall time', note: 'not measured (pass --npm-test; it takes minutes)' })
}

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
  await writeFile(flags.json, `${JSON.stringify({ machine: machine(), runs, memoryRuns, hsTimeoutMs, pings: Number(pings), figures, rows }, null, 2)}\n`)
}
await rm(scratch, { recursive: true, force: true })

/** Where the bench is, on stderr: the table comes only at the end. */
function progress(step: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${step} …\n`)
}

/** One `--load` run against the reference homeserver, its throughput read from the JSON report; it must be clean. */
async function loadRun(count: number, concurrency: string): Promise<Sample> {
  const report = join(scratch, `load-${count}-${concurrency}.json`)
  const args = [cli, ...homeserverRunArgs, '--only', 'HS-PING-LOAD', '--load', String(count), '--concurrency', concurrency]
  return sample(node, [...args, '--hs-timeout-ms', loadHsTimeoutMs, '--report', `json=${report}`], async () => {
    const { load } = JSON.parse(await readFile(report, 'utf8')) as RunReport
    if (!load || load.mismatches > 0) throw new Error(`the load run against the reference was not clean: ${JSON.stringify(load)}`)
    return load.throughputPerSec
  })
}

/** One run of a command, with the figure read from it and the machine's load when it started. */
interface Sample {
  run: ProcessMeasurement
  value?: number
  loadAverage: number
}

/** Runs a command once; it must succeed, or the figures would describe a failure. */
async function sample(
  command: string,
  args: string[],
  read?: (run: ProcessMeasurement) => Promise<number>,
  notCounted?: (commandLine: string) => boolean,
): Promise<Sample> {
  const loadAverage = os.loadavg()[0]!
  const run = await measureProcess(command, args, { cwd: root, ...(notCounted ? { notCounted } : {}) })
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
  return { figure, ...spreadCells(s, seconds), ...cpuCell(samples), loadAverage: medianLoad(samples) }
}

function cpuCell(samples: readonly Sample[]): Pick<Row, 'cpu'> {
  return samples.every((x) => x.run.cpuMs !== undefined) ? { cpu: `${(spreadOf(samples, (x) => x.run.cpuMs!).median / 1000).toFixed(2)} s` } : {}
}

function ratioRow(figure: string, ratio: number, target: number): Row {
  return { figure, median: ratio.toFixed(2), target: `≤ ${target}`, met: ratio <= target }
}

function rssRow(figure: string, rss: Spread): Row {
  return { figure, ...spreadCells(rss, megabytes), target: `≤ ${targets.peakRssMb} MB`, met: rss.median <= targets.peakRssMb }
}

function seconds(v: number): string {
  return `${v.toFixed(2)} s`
}

function milliseconds(v: number): string {
  return `${v.toFixed(0)} ms`
}

function megabytes(v: number): string {
  return `${v.toFixed(0)} MB`
}

function perSecond(v: number): string {
  return `${v.toFixed(0)}/s`
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
