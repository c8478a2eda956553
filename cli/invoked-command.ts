import type { Command } from 'commander'

/**
 * The command the words of `argv` name, a group's subcommand included (`serve homeserver`), as
 * far as they name one; undefined when the first names none. For error lines, before commander has dispatched.
 */
export function invokedCommand(program: Command, argv: readonly string[]): Command | undefined {
  let found: Command | undefined
  for (const word of argv.filter((arg) => !arg.startsWith('-'))) {
    const next = (found ?? program).commands.find((c) => c.name() === word)
    if (!next) break
    found = next
  }
  return found
}

/** How a user types the command: its name after its groups' (`serve homeserver`), without the program's. */
export function commandPath(command: Command): string {
  return command.parent?.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name()
}
