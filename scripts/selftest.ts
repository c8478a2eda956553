/**
 * `npm run selftest`: runs the suite once against the reference implementations and every broken
 * fixture (the same jobs as `npm run verify`) and prints the kill matrix: for each check, the
 * fixtures it fails or warns on. Exit 1 if a reference does not pass everything, or a check that
 * can fail (MUST/SHOULD) is killed by no fixture.
 */
import { requirements } from '../harness/requirements/registry.js'
import { concurrencyLimit } from './support/concurrency-limit.js'
import type { Verdict } from './verify/verdicts.js'
import { verifyJobs } from './verify/verify-jobs.js'

const jobs = await verifyJobs()
const limit = concurrencyLimit(2)
const started = Date.now()
const verdicts = new Map<string, Verdict>((await Promise.all(jobs.map((job) => limit(() => job.run())))).flatMap((m) => [...m]))

const killed = (status: string | undefined) => status === 'fail' || status === 'warn'
const lines: string[] = ['Kill matrix: each check, and the broken fixtures on which it fails (F) or warns (W).', '']
let problems = 0
for (const r of requirements) {
  const killers = [...verdicts]
    .filter(([target]) => !target.endsWith(':reference') && target.startsWith(r.role === 'homeserver' ? 'hs:' : 'as:'))
    .filter(([, v]) => killed(v.checks[r.id]))
    .map(([target, v]) => `${target.slice(3)}${v.checks[r.id] === 'warn' ? ' (W)' : ' (F)'}`)
  const canFail = r.level !== 'INFO'
  const mark = !canFail ? 'info' : killers.length ? `${killers.length}`.padStart(4) : 'NONE'
  if (canFail && killers.length === 0) problems++
  lines.push(
    `${r.id.padEnd(30)} ${r.level.padEnd(6)} ${mark}  ${canFail ? killers.join(', ') : '(INFO records what the target chose; by policy it never fails)'}`,
  )
}
const reference = verdicts.get('hs:reference')
const referenceBad = reference ? Object.entries(reference.checks).filter(([, s]) => s !== 'pass') : [['hs:reference', 'no report']]
if (referenceBad.length) {
  problems++
  lines.push('', `The reference homeserver did not pass: ${referenceBad.map(([id, s]) => `${id} ${s}`).join(', ')}`)
}
lines.push(
  '',
  `${verdicts.size} targets in ${((Date.now() - started) / 1000).toFixed(0)} s; ${problems === 0 ? 'every check that can fail is killed by a fixture, and the reference passes everything.' : `${problems} problem(s).`}`,
)
process.stdout.write(`${lines.join('\n')}\n`)
process.exit(problems === 0 ? 0 : 1)
