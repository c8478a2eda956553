import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { referenceAppserviceSetup } from '../fixtures/registry.js'
import { freePort } from '../harness/http/free-port.js'
import { shellQuote } from '../harness/shell-quote.js'
import { readCompositeAction, runCompositeAction, type ActionRun, type ActionStep } from './support/composite-action.js'
import { flagOfInput } from './support/action-inputs.js'
import { cliCommand } from './support/cli-definition.js'
import { anyToken } from './support/reference-variant-runs.js'
import { serveHomeserver, type ServedHomeserver } from './support/served-homeserver.js'

/**
 * action.yml, run as the GitHub runner runs a composite action (test/support/composite-action.ts)
 * against a homeserver listening on loopback: the reference, and a broken variant of it.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const action = await readCompositeAction(join(repoRoot, 'action.yml'))
const hsTimeoutMs = 5_000
/** The inputs that hold secrets: they may reach the CLI only through the environment. */
const secretInputs = ['user-token', 'hs-token', 'as-token']

const tempDirs: string[] = []
const servers: ServedHomeserver[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'asp-action-'))
  tempDirs.push(dir)
  return dir
}

async function served(variant?: string): Promise<ServedHomeserver> {
  const server = await serveHomeserver({ hsTimeoutMs, ...(variant ? { variant } : {}) })
  servers.push(server)
  return server
}

/** The action in `cwd`; its install step is left out: this checkout has node_modules (it would be a no-op) and npm ci must never touch it. */
function runAction(cwd: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runCompositeAction(action, { actionPath: repoRoot, cwd, inputs, skip: (step) => step.id === 'install' })
}

function homeserverInputs(server: ServedHomeserver, only: string): Record<string, string> {
  return { 'hs-url': server.url, config: server.configDir, 'user-token': server.userToken, 'hs-timeout-ms': String(hsTimeoutMs), only }
}

/** Everything the run printed or wrote where a log or a later step would show it. */
function everythingShown(run: ActionRun): string {
  return [run.stdout, run.stderr, run.summary, run.outputFiles].join('\n')
}

function expectNoToken(run: ActionRun, tokens: readonly string[]): void {
  const shown = everythingShown(run)
  for (const token of tokens) expect(shown.includes(token), 'a token in the output').toBe(false)
  expect(shown).not.toMatch(anyToken)
}

describe('action.yml', () => {
  const steps: ActionStep[] = action.runs.steps
  const run = steps.find((s) => s.id === 'run')!

  it('is a composite action whose bash steps read inputs only through env, each into a flag the CLI has', () => {
    expect(action.runs.using).toBe('composite')
    for (const step of steps) {
      expect(step.shell, step.id).toBe('bash')
      // An expression in a script is spliced in before bash parses it (script injection); INPUT_* is never set for a composite action.
      expect(step.run, step.id).not.toContain('${{')
      expect(step.run, step.id).not.toContain('INPUT_')
    }
    const used = new Set<string>()
    for (const [name, value] of Object.entries(run.env ?? {})) {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1]
      expect(input, name).toBeDefined()
      expect(action.inputs[input!], `${name}: input ${input}`).toBeDefined()
      used.add(input!)
      // The script exports AS_PING_FLAG_X as CONFORMANCE_X: that must be the variable of the input's own flag.
      if (name.startsWith('AS_PING_FLAG_')) expect(flagOfInput(action, input!)?.long, name).toBe(`--${input}`)
    }
    const ownInputs = Object.keys(action.inputs).filter((input) => !flagOfInput(action, input))
    expect(ownInputs.sort()).toEqual(['command', 'html-report', 'json-report', 'junit-report', 'markdown-report'])
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const secret of secretInputs) expect(Object.values(run.env ?? {}).filter((v) => v.includes(`inputs.${secret} `))).toHaveLength(1)
    // Its outputs are the run step's.
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value, name).toBe(`\${{ steps.run.outputs.${name} }}`)
    // The commands it accepts.
    expect(cliCommand('homeserver')).toBeDefined()
    expect(cliCommand('appservice')).toBeDefined()
  })

  it("has every input and output named in docs/ci.md, and the report inputs' defaults there", async () => {
    const doc = await readFile(join(repoRoot, 'docs', 'ci.md'), 'utf8')
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(doc, name).toContain(`\`${name}\``)
    for (const [name, input] of Object.entries(action.inputs))
      if (input.default && name.endsWith('-report')) expect(doc, name).toContain(`\`${name}\` (default \`${input.default}\``)
  })

  it('installs its dependencies in its own checkout with npm ci, only where they are missing', () => {
    const install = steps.find((s) => s.id === 'install')!
    expect(install.run).toMatch(/cd "\$GITHUB_ACTION_PATH"/)
    expect(install.run).toMatch(/if \[ ! -d node_modules \]; then npm ci\b/)
    expect(steps.indexOf(install)).toBeLessThan(steps.indexOf(run))
  })

  it('on the reference homeserver: exit 0, verdict conforms, the reports written, the user token used and never shown', { timeout: 120_000 }, async () => {
    const server = await served()
    const cwd = await workspace()
    const result = await runAction(cwd, homeserverInputs(server, 'HS-PING-OK,HS-PING-BAD-STATUS,HS-PING-USER-TOKEN'))
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0)
    expect(result.outputs).toEqual({
      'exit-code': '0',
      verdict: 'conforms',
      'json-report': 'as-ping-conformance-reports/report.json',
      'junit-report': 'as-ping-conformance-reports/junit.xml',
      'html-report': 'as-ping-conformance-reports/report.html',
      'markdown-report': '',
    })
    const report = JSON.parse(await readFile(join(cwd, result.outputs['json-report']!), 'utf8'))
    // The token reached the CLI: without it HS-PING-USER-TOKEN would be skipped.
    expect(report.results.map((r: { id: string; status: string }) => `${r.id} ${r.status}`)).toEqual(
      expect.arrayContaining(['HS-PING-OK pass', 'HS-PING-BAD-STATUS pass', 'HS-PING-USER-TOKEN pass']),
    )
    expect(await readFile(join(cwd, result.outputs['junit-report']!), 'utf8')).toContain('<testsuite')
    expect(result.stdout).not.toMatch(/^::(error|warning)/m)
    expect(result.summary).toMatch(/^## as-ping-conformance: ✅ CONFORMS/m)
    expectNoToken(result, server.tokens)
  })

  it('on a broken homeserver: exit 1 with annotations and the job summary; with its report as the baseline, no regressions', { timeout: 120_000 }, async () => {
    const server = await served('bad-status-as-connection-failed')
    const cwd = await workspace()
    const only = 'HS-PING-OK,HS-PING-BAD-STATUS,HS-PING-BAD-STATUS-FIELDS'
    const first = await runAction(cwd, homeserverInputs(server, only))
    expect(first.exitCode, `${first.stdout}\n${first.stderr}`).toBe(1)
    expect(first.outputs).toMatchObject({ 'exit-code': '1', verdict: 'does-not-conform', 'json-report': 'as-ping-conformance-reports/report.json' })
    expect(first.stdout).toMatch(/^::error title=HS-PING-BAD-STATUS::\[MUST\] FAIL: \S/m)
    expect(first.summary).toMatch(/^## as-ping-conformance: ❌ DOES NOT CONFORM/m)
    expect(first.summary).toContain('<code>HS-PING-BAD-STATUS</code>')
    expectNoToken(first, server.tokens)

    // The action clears its report paths before a run; the baseline lives elsewhere, as in the nightly example.
    await copyFile(join(cwd, first.outputs['json-report']!), join(cwd, 'baseline.json'))
    const second = await runAction(cwd, { ...homeserverInputs(server, only), baseline: 'baseline.json', 'fail-on': 'regressions' })
    expect(second.exitCode, `${second.stdout}\n${second.stderr}`).toBe(0)
    expect(second.outputs).toMatchObject({ 'exit-code': '0', verdict: 'no-regressions' })
    expectNoToken(second, server.tokens)
  })

  it('on the reference appservice, started with spawn: exit 0, verdict conforms, its tokens used and never shown', { timeout: 120_000 }, async () => {
    const setup = await referenceAppserviceSetup()
    const cwd = await workspace()
    const { hsToken, asToken, asId } = setup.credentials
    const result = await runAction(cwd, {
      command: 'appservice',
      'as-url': setup.asUrl,
      'hs-token': hsToken,
      'as-token': asToken,
      'as-id': asId,
      // The spawned appservice runs where the run does (the workspace); the reference's command runs from the package.
      spawn: `cd ${shellQuote(setup.spawn.cwd)} && ${setup.spawn.command}`,
      only: 'AS-PING-OK,AS-PING-WRONG-TOKEN,AS-CLIENT-PING-AS-TOKEN',
    })
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0)
    expect(result.outputs).toMatchObject({ 'exit-code': '0', verdict: 'conforms' })
    const report = JSON.parse(await readFile(join(cwd, result.outputs['json-report']!), 'utf8'))
    // The as_token and id reached the CLI: without them the appservice's own ping is not checked.
    expect(report.results.map((r: { id: string; status: string }) => `${r.id} ${r.status}`)).toEqual(
      expect.arrayContaining(['AS-PING-OK pass', 'AS-PING-WRONG-TOKEN pass', 'AS-CLIENT-PING-AS-TOKEN pass']),
    )
    expectNoToken(result, [hsToken, asToken])
  })

  it('with no verdict to give: exit 2, verdict no-verdict, no report named; an unknown command is refused', { timeout: 60_000 }, async () => {
    const server = await served()
    const cwd = await workspace()
    // Last night's report at the same path must not pass for this run's.
    await mkdir(join(cwd, 'as-ping-conformance-reports'))
    await writeFile(join(cwd, 'as-ping-conformance-reports', 'report.json'), '{"verdict":"conforms"}')
    const unreachable = await runAction(cwd, { ...homeserverInputs(server, 'HS-PING-OK'), 'hs-url': `http://127.0.0.1:${await freePort()}` })
    expect(unreachable.exitCode, `${unreachable.stdout}\n${unreachable.stderr}`).toBe(2)
    expect(unreachable.outputs).toMatchObject({ 'exit-code': '2', verdict: 'no-verdict', 'json-report': '', 'junit-report': '' })
    expect(unreachable.stderr).toContain('no answer from the homeserver')
    expectNoToken(unreachable, server.tokens)

    const unknown = await runAction(cwd, { ...homeserverInputs(server, 'HS-PING-OK'), command: 'init' })
    expect(unknown.exitCode).toBe(2)
    expect(unknown.outputs).toMatchObject({ 'exit-code': '2', verdict: 'no-verdict' })
    expect(unknown.stdout).toContain('::error title=as-ping-conformance::input command must be homeserver or appservice')
  })
})
