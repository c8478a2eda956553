import type { CommanderError } from 'commander'

/**
 * Commander's own usage errors ("error: unknown option '--x'") as the CLI's one line that names
 * the problem and the fix, like every other usage error.
 */
export function commanderErrorLine(error: CommanderError, context: { command?: string; commands: readonly string[] }): string {
  // Commander puts its "(Did you mean --x?)" on a line of its own.
  const problem = error.message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '')
  const help = `\`as-ping-conformance${context.command ? ` ${context.command}` : ''} --help\``
  return `as-ping-conformance: ${problem}. Fix: ${fixFor(error.code, problem, help, context.commands)}.`
}

function fixFor(code: string, problem: string, help: string, commands: readonly string[]): string {
  switch (code) {
    case 'commander.missingMandatoryOptionValue': {
      const flag = /'--([a-z-]+)/.exec(problem)?.[1]
      return flag ? `add --${flag} (or set CONFORMANCE_${flag.toUpperCase().replace(/-/g, '_')}); see ${help}` : `see ${help}`
    }
    case 'commander.unknownCommand':
      return `use one of ${commands.join(', ')}`
    case 'commander.excessArguments':
      return `every value belongs to a flag (quote values with spaces); see ${help}`
    default:
      return `see ${help}`
  }
}
