import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runProcess } from '../../scripts/support/run-process.js'
import { substitute, type Contexts } from './github-expression.js'

export interface ActionStep {
  id?: string
  name?: string
  shell?: string
  run?: string
  uses?: string
  if?: string
  env?: Record<string, string>
  'working-directory'?: string
}

export interface CompositeAction {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string; value: string }>
  runs: { using: string; steps: ActionStep[] }
}

export async function readCompositeAction(file: string | URL): Promise<CompositeAction> {
  return parse(await readFile(file, 'utf8')) as CompositeAction
}

export interface ActionRun {
  /** The first failing step's exit code, 0 when every step passed. */
  exitCode: number
  stdout: string
  stderr: string
  /** The action's outputs, evaluated from its steps' outputs as the runner does at its end. */
  outputs: Record<string, string>
  /** What the steps appended to $GITHUB_STEP_SUMMARY. */
  summary: string
  /** Everything each step wrote to its $GITHUB_OUTPUT, as written. */
  outputFiles: string
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads a step's $GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const block = /^([^=<]+)<<(.+)$/.exec(line)
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1)
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return outputs
}

/**
 * Runs a composite action's steps as the GitHub runner does, in `cwd` (the workspace): each `run:`
 * step with `shell: bash` as `bash --noprofile --norc -eo pipefail` (what the runner runs for it),
 * its `env:` with `${{ inputs.* }}` and `${{ github.action_path }}` substituted, GITHUB_ACTIONS=true,
 * GITHUB_ACTION_PATH, a fresh GITHUB_OUTPUT per step and one GITHUB_STEP_SUMMARY. As the runner,
 * it sets no INPUT_* variables: a composite action gets its inputs only through expressions
 * (actions/runner#665). A step that fails ends the action; its outputs still count.
 */
export async function runCompositeAction(
  action: CompositeAction,
  options: {
    actionPath: string
    cwd: string
    inputs: Record<string, string>
    /** Steps not to run (say why at the call). */
    skip?: (step: ActionStep) => boolean
  },
): Promise<ActionRun> {
  for (const name of Object.keys(options.inputs)) if (!(name in action.inputs)) throw new Error(`the action has no input '${name}'`)
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, options.inputs[name] ?? input.default ?? '']))
  const scratch = await mkdtemp(join(tmpdir(), 'asp-action-runner-'))
  try {
    const summaryFile = join(scratch, 'step-summary.md')
    await writeFile(summaryFile, '')
    const steps: Record<string, { outputs: Record<string, string> }> = {}
    const contexts = (): Contexts => ({ inputs, github: { action_path: options.actionPath, workspace: options.cwd }, runner: { temp: scratch }, steps })
    let stdout = ''
    let stderr = ''
    let outputFiles = ''
    let exitCode = 0
    for (const [index, step] of action.runs.steps.entries()) {
      if (options.skip?.(step)) continue
      if (step.run === undefined || step.shell !== 'bash') throw new Error(`step ${step.id ?? index} is not a bash run step: this runner runs only those`)
      const outputFile = join(scratch, `output-${index}`)
      const scriptFile = join(scratch, `step-${index}.sh`)
      await writeFile(outputFile, '')
      await writeFile(scriptFile, step.run)
      const env: Record<string, string> = {
        ...cleanEnvironment(),
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(value, contexts())])),
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: options.actionPath,
        GITHUB_WORKSPACE: options.cwd,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: scratch,
      }
      // What the runner runs for `shell: bash`.
      const ran = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], { env, cwd: options.cwd, processGroup: true })
      stdout += ran.stdout
      stderr += ran.stderr
      const written = await readFile(outputFile, 'utf8')
      outputFiles += written
      if (step.id) steps[step.id] = { outputs: parseOutputFile(written) }
      if (ran.code !== 0) {
        exitCode = ran.code ?? 1
        break
      }
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value, contexts())]))
    return { exitCode, stdout, stderr, outputs, summary: await readFile(summaryFile, 'utf8'), outputFiles }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** This process's environment without what a fresh runner would not have: the project's CONFORMANCE_* and GITHUB_* settings. */
function cleanEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(CONFORMANCE_|GITHUB_|INPUT_)/.test(entry[0])),
  )
}
