import type { Command, Option } from 'commander'
import { replaceMarkedSection, type GeneratedDoc } from '../harness/generated-doc.js'
import { markdownTable } from '../harness/requirements/markdown-table.js'
import { buildProgram } from './main.js'

const regenerateFlagTablesCommand = 'npm run docs:flags'

/** docs/flags.md's flag tables (the README links it), rendered from the commander definition that --help prints, as Complement renders its ENVIRONMENT.md. */
export const flagDocs: readonly GeneratedDoc[] = [
  { file: 'docs/flags.md', command: regenerateFlagTablesCommand, regenerate: (current) => replaceMarkedSection(current, 'flag-tables', renderFlagTables()) },
]

/** One table per command: flag, environment variable, default and meaning, each from the option itself. */
function renderFlagTables(program: Command = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined)): string {
  const lines = [
    `Generated from the CLI's definition (\`cli/main.ts\`) by \`${regenerateFlagTablesCommand}\`; a test fails when it is out of date.`,
    '',
    '## Every command',
    '',
    ...flagTable(program.options),
  ]
  for (const command of program.commands) lines.push(...commandSection(command, []))
  return lines.join('\n')
}

/** A command's heading, description, arguments and flags; a command group (`serve`) has one section per subcommand. */
function commandSection(command: Command, parents: readonly string[]): string[] {
  const path = [...parents, command.name()]
  if (command.commands.length > 0) return command.commands.flatMap((sub) => commandSection(sub, path))
  const lines = ['', `## \`${path.join(' ')}\``, '', sentence(command.description())]
  for (const argument of command.registeredArguments)
    lines.push('', `Arguments: \`${argument.name()}${argument.variadic ? '...' : ''}\`, ${argument.description}.`)
  if (command.options.length > 0) lines.push('', ...flagTable(command.options))
  return lines
}

function flagTable(options: readonly Option[]): string[] {
  return markdownTable(
    ['Flag', 'Environment', 'Default', 'Meaning'],
    options.map((option) => [
      `\`${option.flags}\`${option.mandatory ? ' (required)' : ''}`,
      option.envVar ? `\`${option.envVar}\`` : '',
      // A boolean flag is off unless given: its `false` default says nothing.
      option.defaultValue === undefined || option.defaultValue === false ? '' : `\`${String(option.defaultValue)}\``,
      `${option.description}${option.argChoices ? ` (one of ${option.argChoices.map((choice) => `\`${choice}\``).join(', ')})` : ''}`,
    ]),
  )
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
