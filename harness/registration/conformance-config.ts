import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../usage-error.js'
import { loadRegistration, renderRegistration } from './appservice-registration.js'
import { registrationRoles, type ConformanceRegistrations, type RegistrationRole } from './conformance-registrations.js'
import { systemError } from '../system-error.js'
import { keepOutOfGit } from './keep-out-of-git.js'

/** The suite's own config file in the --config DIR, written by `init`. */
export const configFileName = 'as-ping-conformance.json'

export interface ConformanceConfigFile {
  version: 1
  /** Where the homeserver reaches the stub appservice (the main registration's url). */
  asUrl: string
  /** Registration file names, relative to the config dir. */
  registrations: Record<RegistrationRole, string>
}

export interface ConformanceConfig {
  dir: string
  asUrl: string
  registrations: ConformanceRegistrations
  files: Record<RegistrationRole, string>
}

/** Writes the three registrations (mode 0600: they hold tokens), the config file that records them, and their names in the directory's .gitignore. */
export async function writeConformanceConfig(dir: string, registrations: ConformanceRegistrations): Promise<ConformanceConfig> {
  const files = Object.fromEntries(registrationRoles.map((role) => [role, `${registrations[role].id}.yaml`])) as Record<RegistrationRole, string>
  const asUrl = registrations.main.url ?? ''
  const file: ConformanceConfigFile = { version: 1, asUrl, registrations: files }
  try {
    await mkdir(dir, { recursive: true })
    for (const role of registrationRoles) {
      await writeFile(join(dir, files[role]), renderRegistration(registrations[role]), { mode: 0o600 })
    }
    await writeFile(join(dir, configFileName), `${JSON.stringify(file, null, 2)}\n`)
    await keepOutOfGit(dir, [...registrationRoles.map((role) => files[role]), configFileName])
  } catch (error) {
    const { brief, path } = systemError(error)
    throw new UsageError(
      `cannot write the config to ${dir}: ${brief}${path && path !== dir ? ` (${path})` : ''}`,
      'choose a directory you can write to as --out',
    )
  }
  return { dir, asUrl, registrations, files }
}

export async function loadConformanceConfig(dir: string): Promise<ConformanceConfig> {
  const path = join(dir, configFileName)
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch {
    throw new UsageError(`no ${configFileName} in ${dir}`, 'run `as-ping-conformance init --as-url URL --out DIR` first and pass that DIR as --config')
  }
  let file: Partial<ConformanceConfigFile> | null
  try {
    file = JSON.parse(raw) as Partial<ConformanceConfigFile> | null
  } catch {
    throw new UsageError(`${path} is not valid JSON`, 'write a fresh one with `as-ping-conformance init`')
  }
  if (file?.version !== 1 || typeof file.asUrl !== 'string' || typeof file.registrations !== 'object' || (file.registrations as unknown) === null) {
    throw new UsageError(`${path} is not an as-ping-conformance config (version 1)`, 'write a fresh one with `as-ping-conformance init`')
  }
  const registrations = {} as ConformanceRegistrations
  for (const role of registrationRoles) {
    const name = file.registrations[role]
    if (typeof name !== 'string') throw new UsageError(`${path}: registrations.${role} is missing`, 'write a fresh config with `as-ping-conformance init`')
    registrations[role] = await loadRegistration(join(dir, name))
  }
  if (registrations.main.url === null)
    throw new UsageError(`the main registration (${file.registrations.main}) has url: null`, 'it must point at the stub appservice: re-run init with --as-url')
  if (registrations.noUrl.url !== null)
    throw new UsageError(`the no-url registration (${file.registrations.noUrl}) must have url: null`, 'restore it from `as-ping-conformance init`')
  const ids = new Set(registrationRoles.map((r) => registrations[r].id))
  const asTokens = new Set(registrationRoles.map((r) => registrations[r].as_token))
  if (ids.size !== 3 || asTokens.size !== 3)
    throw new UsageError(`the registrations in ${dir} must have distinct ids and as_tokens`, 'write a fresh config with `as-ping-conformance init`')
  return { dir, asUrl: file.asUrl, registrations, files: file.registrations }
}
