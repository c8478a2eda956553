import { CommanderError, type Command } from 'commander'
import { closestNames } from '../harness/closest-names.js'

/**
 * Commander reports a missing required flag before an unknown one, so `--hs-ulr URL` reads as
 * "--hs-url not specified", which hides the typo. This finds the first long flag in `args` that
 * `command` (or the program) does not know and, if there is one, returns the error commander
 * gives an unknown flag, with the flags it was most likely meant to be.
 */
export function misspeltFlagError(command: Command, args: readonly string[]): CommanderError | undefined {
  const options = [command, ...ancestors(command)].flatMap((c) => c.options)
  const known = options.flatMap((o) => (o.long ? [o.long] : []))
  for (let i = 0; i < args.length; i++) {
    const [flag, inlineValue] = args[i]!.split(/=(.*)/s, 2)
    if (!flag!.startsWith('--') || flag === '--' || flag === '--help') continue
    const option = options.find((o) => o.long === flag)
    if (!option) {
      const meant = closestNames(flag!, known)
      const suggestion = meant.length === 0 ? '' : `\n(Did you mean ${meant.length === 1 ? meant[0] : `one of ${meant.join(', ')}`}?)`
      return new CommanderError(2, 'commander.unknownOption', `error: unknown option '${flag}'${suggestion}`)
    }
    // A flag's value is not a flag, even when it starts with dashes.
    if (option.required && inlineValue === undefined) i++
  }
  return undefined
}

function ancestors(command: Command): Command[] {
  return command.parent ? [command.parent, ...ancestors(command.parent)] : []
}
