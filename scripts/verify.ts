/**
 * `npm run verify -- --repeat N [--jobs J] [--only NAME,…]`: runs every target the project's tests run (the
 * reference homeserver, every broken homeserver, every broken appservice) N times and fails if
 * any verdict — a check's status, or a run's exit code — differs between repetitions: the suite
 * must not be flaky. Prints a table of the targets and every verdict that changed.
 *
 * --only keeps the jobs whose name contains one of the given parts (e.g. `--only reference,pings-twice`).
 *
 * Exit codes: 0 every verdict held; 1 some verdict changed; 2 bad flags.
 */
import { parseArgs } from 'node:util'
import { concurrencyLimit } from './support/concurrency-limit.js'
import { renderVerdictTable } from './verify/verdict-table.js'
import { differences, type Repetition } from './verify/verdicts.js'
import { verifyJobs } from './verify/verify-jobs.js'

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!/^[1-9]\d*$/.test(value)) {
    process.stderr.write(`verify: --${name} '${value}' is not a positive whole number. Fix: e.g. --${name} ${fallback}.\n`)
    process.exit(2)
  }
  return Number(value)
}

let values: { repeat?: string; jobs?: string; only?: string }
try {
  ;({ values } = parseArgs({ options: { repeat: { type: 'string' }, jobs: { type: 'string' }, only: { type: 'string' } } }))
} catch (error) {
  process.stderr.write(`verify: ${(error as Error).message.split('\n')[0]}. Fix: use --repeat N, --jobs J and --only NAME,….\n`)
  process.exit(2)
}
const repeat = positive('repeat', values.repeat, 3)
// Each job is a whole suite run with its own workers; the default suits a two-core machine.
const jobs = positive('jobs', values.jobs, 2)

const only = values.only?.split(',').filter(Boolean)
const work = (await verifyJobs()).filter((job) => !only || only.some((part) => job.name.includes(part)))
if (work.length === 0) {
  process.stderr.write(`verify: --only '${values.only}' matches no job. Fix: use part of a name such as reference or a variant's name.\n`)
  process.exit(2)
}
const limit = concurrencyLimit(jobs)
const repetitions: Repetition[] = []
for (let i = 1; i <= repeat; i++) {
  const started = Date.now()
  const results = await Promise.all(work.map((job) => limit(() => job.run())))
  repetitions.push(new Map(results.flatMap((verdicts) => [...verdicts])))
  process.stderr.write(
    `verify: repetition ${i} of ${repeat}: ${work.length} jobs, ${repetitions.at(-1)!.size} targets in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  )
}

const changed = differences(repetitions)
process.stdout.write(renderVerdictTable(repetitions, changed))
process.stdout.write(
  changed.length === 0 ? `\nEvery verdict held over ${repeat} repetitions.\n` : `\n${changed.length} verdict(s) changed: the suite is flaky there.\n`,
)
process.exit(changed.length === 0 ? 0 : 1)
