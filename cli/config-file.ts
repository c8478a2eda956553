import { readFile } from 'node:fs/promises'
import { UsageError } from '../harness/usage-error.js'
import { systemError } from '../harness/system-error.js'

/**
 * `--config-file FILE`: YAML or JSON whose keys are flag names (`hs-url: …`). String values may
 * use `${VAR}` for secrets kept in the environment (`$${` is a literal `${`); a variable that is
 * not set is an error, never an empty string.
 */
export async function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read config file ${file}: ${systemError(error).brief}`, 'check --config-file (or CONFORMANCE_CONFIG_FILE)')
  }
  // Loaded here, not at the top: every start of the CLI imports this module, and only a run given a file needs a YAML parser.
  const { parse } = await import('yaml')
  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    throw new UsageError(
      `config file ${file} is not valid YAML or JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      'fix the file',
    )
  }
  if (data === null || data === undefined) return {}
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`config file ${file} must be a mapping of flag names to values`, 'e.g. `hs-url: https://hs.example`')
  // Substituted after parsing, so a secret's characters can never change the file's structure.
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([key, value]) => [key, substitute(value, env, `${file}: ${key}`)]))
}

function substitute(value: unknown, env: NodeJS.ProcessEnv, where: string): unknown {
  if (typeof value === 'string') return substituteEnv(value, env, where)
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, where))
  return value
}

/** Replaces each `${VAR}` with the environment variable's value. */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped: string, name: string) => {
    if (escaped) return whole.slice(1)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`${where}: '\${${name}}' is not a variable name`, 'use ${NAME} with letters, digits and _')
    const found = env[name]
    if (found === undefined)
      throw new UsageError(`${where} uses \${${name}}, which is not set`, `set ${name} in the environment, or write the value into the file`)
    return found
  })
}
