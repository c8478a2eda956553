import type { EventEmitter } from 'node:events'
import { InvalidArgumentError, type Command, type Option } from 'commander'
import { UsageError } from '../harness/usage-error.js'

/**
 * Where a flag's value comes from, highest first: the command line, the environment
 * (CONFORMANCE_<FLAG>), the config file, the default. Commander keeps that order itself for the
 * 'config' source; this file feeds it the config file's values.
 */

/** Every long flag name any command knows, so a misspelt key in the config file is an error. */
export function knownFlags(program: Command): Set<string> {
  const names = new Set<string>()
  for (const o of program.options) if (o.long) names.add(o.long.slice(2))
  // A command group's subcommands (`serve homeserver`) have flags too.
  for (const command of program.commands) for (const name of knownFlags(command)) names.add(name)
  return names
}

/**
 * Sets the config file's values on `command` with source 'config'. Keys for other commands are
 * left alone (one file can serve `doctor`, `homeserver` and `merge`); unknown keys are refused.
 */
export function applyConfigValues(command: Command, values: Record<string, unknown>, known: ReadonlySet<string>, file: string): void {
  for (const [key, raw] of Object.entries(values)) {
    if (!known.has(key) || key === 'config-file')
      throw new UsageError(
        `config file ${file}: '${key}' is not a flag of as-ping-conformance`,
        'keys are flag names without the dashes, e.g. hs-url; see --help',
      )
    const option = command.options.find((o) => o.long === `--${key}`)
    if (!option || raw === null || raw === undefined) continue
    command.setOptionValueWithSource(option.attributeName(), configValue(option, raw, `config file ${file}: ${key}`), 'config')
    replacedByHigherSources(command, option)
  }
}

/**
 * Commander hands a flag's parser the value so far, so that a repeated --report adds up; a value
 * from the command line or the environment must replace the config file's, not add to it.
 */
function replacedByHigherSources(command: Command, option: Option): void {
  const key = option.attributeName()
  // Commander's Command is an EventEmitter (its typings declare only `on`); this listener must run before commander's own.
  const events = command as unknown as EventEmitter
  for (const event of [`option:${option.name()}`, `optionEnv:${option.name()}`])
    events.prependOnceListener(event, () => {
      if (command.getOptionValueSource(key) === 'config') command.setOptionValueWithSource(key, undefined, undefined)
    })
}

function configValue(option: Option, raw: unknown, where: string): unknown {
  if (!option.required && !option.optional) {
    if (typeof raw !== 'boolean') throw new UsageError(`${where} must be true or false`, `write ${option.long!.slice(2)}: true`)
    return raw
  }
  const text = Array.isArray(raw)
    ? raw.join(',')
    : isPlainObject(raw)
      ? Object.entries(raw)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',')
      : String(raw)
  if (!option.parseArg) return text
  try {
    return option.parseArg<unknown>(text, undefined)
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw new UsageError(`${where}: ${error.message}`, 'fix the value in the config file')
    throw error
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const envTrue = /^(true|1|yes|on)$/i
const envFalse = /^(false|0|no|off|)$/i

/**
 * Commander sets a boolean flag from its environment variable whenever the variable exists;
 * CI templates write CONFORMANCE_STRICT=false, which must mean false, and a value that is neither
 * (a typo, a stray word) must not quietly switch the flag on.
 */
export function readEnvBooleans(command: Command, env: NodeJS.ProcessEnv = process.env): void {
  for (const option of command.options) {
    const key = option.attributeName()
    if (option.required || option.optional || !option.envVar || command.getOptionValueSource(key) !== 'env') continue
    const value = env[option.envVar] ?? ''
    // The value is not quoted back: a variable set by mistake may hold anything, a token included.
    if (!envTrue.test(value) && !envFalse.test(value))
      throw new UsageError(`${option.envVar} is not a boolean`, `set ${option.envVar} to true or false (or 1/0, yes/no, on/off; empty is false)`)
    command.setOptionValueWithSource(key, envTrue.test(value), 'env')
  }
}
