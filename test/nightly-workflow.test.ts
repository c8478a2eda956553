import { readFile } from 'node:fs/promises'
import type { Command, Option } from 'commander'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { buildProgram } from '../cli/main.js'

/**
 * The nightly workflow example cannot run here; this keeps it honest: it must parse, and every
 * command, flag and CONFORMANCE_* variable it uses must exist in the CLI, with valid literal values.
 */
const workflowFile = new URL('../examples/nightly-conformance.yml', import.meta.url)

interface Step {
  name?: string
  run?: string
  uses?: string
  env?: Record<string, string>
}

const program = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined)
const command = (name: string): Command | undefined => program.commands.find((c) => c.name() === name)
const optionOf = (cmd: Command, flag: string): Option | undefined => [...cmd.options, ...program.options].find((o) => o.long === flag)

/** `node bin/as-ping-conformance.js CMD --flag value …` calls in a shell script, line continuations joined. */
function invocations(script: string): string[][] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split(/\n|&&|;/)
    .map((line) => line.trim().split(/\s+/))
    .flatMap((words) => {
      const at = words.findIndex((w) => w === 'bin/as-ping-conformance.js' || w === 'as-ping-conformance')
      return at >= 0 ? [words.slice(at + 1)] : []
    })
}

describe('examples/nightly-conformance.yml', async () => {
  const workflow = parse(await readFile(workflowFile, 'utf8')) as {
    on: Record<string, unknown>
    jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>
  }
  const job = workflow.jobs.conformance!
  const scripts = job.steps.flatMap((s) => (s.run ? [s.run] : []))
  const calls = scripts.flatMap(invocations)

  it('runs nightly, doctor first, then the suite with every report, failing only on regressions', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']))
    expect(calls.map((c) => c[0])).toEqual(['doctor', 'homeserver'])
    const run = calls[1]!.join(' ')
    expect(run).toContain('--fail-on regressions')
    expect(run).toMatch(/--report json=\S+,junit=\S+,html=\S+,markdown=\S+/)
    // The run writes the job summary itself in GitHub Actions: a step of its own would show it twice.
    expect(scripts.join('\n')).not.toContain('GITHUB_STEP_SUMMARY')
    expect(job.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true)
  })

  it('calls only commands and flags the CLI has, with values its parsers accept', () => {
    for (const [name, ...args] of calls) {
      const cmd = command(name!)
      expect(cmd, `command ${name}`).toBeDefined()
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!
        if (!arg.startsWith('--')) continue
        const option = optionOf(cmd!, arg)
        expect(option, `${name} ${arg}`).toBeDefined()
        if (option!.required && option!.parseArg && !args[i + 1]!.includes('$')) option!.parseArg(args[i + 1]!, undefined)
      }
    }
  })

  it('sets only CONFORMANCE_* variables that are flags of the commands it calls, and keeps secrets out of the command line', () => {
    const exported = scripts.join('\n').match(/CONFORMANCE_[A-Z_]+/g) ?? []
    const variables = [...Object.keys(job.env ?? {}), ...exported].filter((v) => v.startsWith('CONFORMANCE_'))
    const called = calls.map((c) => command(c[0]!)!)
    for (const variable of new Set(variables)) {
      expect(
        called.some((cmd) => [...cmd.options, ...program.options].some((o) => o.envVar === variable)),
        variable,
      ).toBe(true)
    }
    for (const call of calls) expect(call.join(' ')).not.toMatch(/secrets\.|token/i)
    expect(job.env?.CONFORMANCE_USER_TOKEN).toMatch(/^\$\{\{ secrets\./)
  })
})
