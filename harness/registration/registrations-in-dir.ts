import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../usage-error.js'
import { systemError } from '../system-error.js'
import { loadRegistration, type AppserviceRegistration } from './appservice-registration.js'

const initFix = 'run `as-ping-conformance init --as-url URL --out DIR` and pass that DIR'

/**
 * Every appservice registration (*.yaml, *.yml) in a directory, as a homeserver loads its
 * app_service_config_files: each validated, ids and as_tokens distinct (a homeserver tells
 * appservices apart by them). Every problem is a one-line UsageError naming the file, never a token.
 */
export async function loadRegistrationsIn(dir: string): Promise<AppserviceRegistration[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort()
  } catch (error) {
    throw new UsageError(`cannot read the registrations directory ${dir}: ${systemError(error).brief}`, initFix)
  }
  if (names.length === 0) throw new UsageError(`no registration (*.yaml) in ${dir}`, initFix)
  const registrations: AppserviceRegistration[] = []
  for (const name of names) {
    const registration = await loadRegistration(join(dir, name))
    const clash = registrations.findIndex((r) => r.id === registration.id || r.as_token === registration.as_token)
    if (clash >= 0) {
      const what = registrations[clash]!.id === registration.id ? `id '${registration.id}'` : 'as_token'
      throw new UsageError(
        `registrations ${names[clash]} and ${name} in ${dir} have the same ${what}`,
        'give every registration its own id and as_token, or write fresh ones with init',
      )
    }
    registrations.push(registration)
  }
  return registrations
}
