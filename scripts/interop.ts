/**
 * npm run interop: the suite against every implementation this project can start here, on
 * loopback: the reference homeserver and appservice, their conformant variants (the project's
 * own stand-ins for implementations that differ from the reference only where the spec allows),
 * and matrix-appservice from npm. Then `compare` puts each role's reports side by side:
 * docs/interop.md (the Markdown, with how each target was run) and out/interop/<role>.html (not kept in git: megabytes).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { packageRoot } from '../harness/package-files.js'
import { concurrencyLimit } from './support/concurrency-limit.js'
import { runCli } from './support/run-cli.js'
import { referenceTargets, type InteropTarget } from './interop/interop-targets.js'
import { matrixAppserviceTarget } from './interop/matrix-appservice-target.js'

const work = join(packageRoot, '.tmp-interop')
const docs = join(packageRoot, 'docs')
const pages = join(packageRoot, 'out', 'interop')
const roles = ['homeserver', 'appservice'] as const

/** Runs the suite against one target; its JSON report's path. Exit 0 or 1 is a verdict; anything else stops the page. */
async function runTarget(target: InteropTarget, index: number): Promise<string> {
  const report = join(work, `${target.role}-${index}.json`)
  const started = await target.start?.()
  try {
    const run = await runCli([...(started?.args ?? target.args), '--report', `json=${report}`], { env: started?.env ?? {}, timeoutMs: 300_000 })
    if (run.code !== 0 && run.code !== 1) throw new Error(`${target.role} ${target.label}: exit ${String(run.code)}: ${run.stderr.trim().split('\n')[0] ?? ''}`)
    process.stdout.write(`  ${target.role} ${target.label}: exit ${String(run.code)}\n`)
    return report
  } finally {
    await started?.stop()
  }
}

async function main(): Promise<void> {
  await rm(work, { recursive: true, force: true })
  await mkdir(work, { recursive: true })
  await mkdir(pages, { recursive: true })
  const targets = [...(await referenceTargets()), matrixAppserviceTarget]
  process.stdout.write(`Running the suite against ${String(targets.length)} targets…\n`)
  // Each run is a vitest run of its own: two at a time on a small machine.
  const limit = concurrencyLimit(Math.max(1, Math.min(4, cpus().length)))
  const reports = await Promise.all(targets.map((target, i) => limit(() => runTarget(target, i))))
  const sections: string[] = []
  for (const role of roles) {
    const mine = targets.map((target, i) => ({ target, report: reports[i]! })).filter(({ target }) => target.role === role)
    const markdown = join(work, `${role}.md`)
    const html = join(pages, `${role}.html`)
    const labels = mine.flatMap(({ target, report }) => ['--label', `${target.label}=${report}`])
    const compared = await runCli(['compare', ...labels, '--disagreements-first', '--report', `html=${html},markdown=${markdown}`])
    if (compared.code !== 0) throw new Error(`compare ${role}: ${compared.stderr.trim()}`)
    const how = mine.map(({ target }) => `- **${target.label}**: ${target.how}`).join('\n')
    sections.push(
      `## ${role === 'homeserver' ? 'Homeservers' : 'Appservices'}\n\nHow each was run:\n\n${how}\n\nThe same as a page: \`out/interop/${role}.html\`, written by the same run.\n\n${await readFile(markdown, 'utf8')}`,
    )
  }
  const header = `# Interop: what the project can run, side by side

Written by \`npm run interop\` (scripts/interop.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}: the
suite against every implementation this project can start here, on loopback. The conformant variants are the project's
own stand-ins for implementations that differ from the reference only where the spec allows (fixtures/conformant-*);
matrix-appservice is a real framework from npm, at the version package-lock.json pins. Real homeservers (Synapse and
others) and Python appservices cannot run here: this suite's reports of real Synapse 1.84 and mautrix-python are kept in
test/fixtures/observed/, and docs/appservice-frameworks.md says how real frameworks fare.
`
  await writeFile(join(docs, 'interop.md'), `${header}\n${sections.join('\n')}`)
  await rm(work, { recursive: true, force: true })
  process.stdout.write('Wrote docs/interop.md, out/interop/homeserver.html and out/interop/appservice.html\n')
}

await main()
