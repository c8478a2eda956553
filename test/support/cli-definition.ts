import type { Command, Option } from 'commander'
import { buildProgram } from '../../cli/main.js'

/**
 * The CLI's own definition (commander), for tests that hold CI files to it: every command, flag
 * and CONFORMANCE_* variable a workflow or an action uses must be one the CLI has.
 */
const program = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined)

export function cliCommand(name: string): Command | undefined {
  return program.commands.find((c) => c.name() === name)
}

/** A command's option by its long flag, the program's own (--config-file) included. */
function cliOption(command: Command, flag: string): Option | undefined {
  return [...command.options, ...program.options].find((o) => o.long === flag)
}

/** The option of one of these commands that reads this CONFORMANCE_* variable. */
export function optionByEnvVar(commands: readonly string[], envVar: string): Option | undefined {
  return commands.flatMap((name) => [...(cliCommand(name)?.options ?? []), ...program.options]).find((o) => o.envVar === envVar)
}

/** `as-ping-conformance CMD --flag value …` calls in a shell script (any spelling of the bin), line continuations joined. */
export function cliInvocations(script: string): string[][] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split(/\n|&&|;/)
    .map((line) => line.trim().split(/\s+/))
    .flatMap((words) => {
      const at = words.findIndex((w) => /(^|\/)as-ping-conformance(\.js)?"?$/.test(w) || w.startsWith('as-ping-conformance@'))
      return at >= 0 ? [words.slice(at + 1)] : []
    })
}

/**
 * Holds each call to the CLI's definition: the command exists, each --flag is one of its flags,
 * and a literal value passes the flag's parser (a `$VAR` value is the shell's). Returns the
 * problems found, one line each.
 */
export function invocationProblems(calls: readonly string[][]): string[] {
  const problems: string[] = []
  for (const [name, ...args] of calls) {
    const command = cliCommand(name ?? '')
    if (!command) {
      problems.push(`no command '${name}'`)
      continue
    }
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (!arg.startsWith('--')) continue
      const option = cliOption(command, arg)
      if (!option) problems.push(`${name}: no flag ${arg}`)
      else if (option.required && option.parseArg && !args[i + 1]!.includes('$'))
        try {
          option.parseArg(args[i + 1]!, undefined)
        } catch (error) {
          problems.push(`${name} ${arg} ${args[i + 1]}: ${(error as Error).message}`)
        }
    }
  }
  return problems
}

/** The CONFORMANCE_* variables among `names` that no flag of these commands reads, one line each. */
export function variableProblems(names: Iterable<string>, commands: readonly string[]): string[] {
  return [...new Set(names)]
    .filter((name) => name.startsWith('CONFORMANCE_') && !optionByEnvVar(commands, name))
    .map((name) => `no flag of ${commands.join(' or ')} reads ${name}`)
}

/** The report files of one call, format → file, read with the CLI's own --report parser. */
export function reportTargetsOf(call: readonly string[]): Record<string, string> {
  const command = cliCommand(call[0] ?? '')
  const option = command && cliOption(command, '--report')
  const at = call.indexOf('--report')
  if (!option?.parseArg || at < 0) return {}
  return option.parseArg<Record<string, string> | undefined>(call[at + 1]!, undefined) ?? {}
}
