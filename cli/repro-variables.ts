import { join } from 'node:path'
import { basePrefix } from '../harness/http/base-url.js'
import type { ConformanceConfig } from '../harness/registration/conformance-config.js'
import { registrationRoles } from '../harness/registration/conformance-registrations.js'
import { registrationSecretPrefixes, registrationTokenKeys } from '../harness/run-context.js'
import { shellQuote } from '../harness/shell-quote.js'

/**
 * How the repro lines' variables are set, each from where the run found it (name → shell
 * expression, for runner/repro-environment.ts): the target's URL as given, and every token read
 * from its registration file when the line runs, so that no token is ever printed.
 */

/** `"$(sed … FILE)"`: the value of `key` in a registration file, unquoted, when the line runs. */
function fromRegistration(file: string, key: string): string {
  return `"$(sed -nE "s/^${key}: *[\\"']?([^\\"' ]*).*/\\1/p" ${shellQuote(file)})"`
}

/** The homeserver run's: $HS_URL, every registration's tokens from the --config directory, and $USER_TOKEN from --user-token-file. */
export function homeserverReproVariables(hsUrl: string, config: Pick<ConformanceConfig, 'dir' | 'files'>, userTokenFile?: string): Record<string, string> {
  const variables: Record<string, string> = { HS_URL: shellQuote(basePrefix(hsUrl)) }
  for (const role of registrationRoles) {
    for (const key of registrationTokenKeys)
      variables[`${registrationSecretPrefixes[role].envVar}${key.toUpperCase()}`] = fromRegistration(join(config.dir, config.files[role]), key)
  }
  if (userTokenFile) variables.USER_TOKEN = `"$(cat ${shellQuote(userTokenFile)})"`
  return variables
}

/** The appservice run's: $AS_URL, and its tokens from --registration (given as flags, they are the user's to set). */
export function appserviceReproVariables(asUrl: string, registration?: string): Record<string, string> {
  return {
    AS_URL: shellQuote(basePrefix(asUrl)),
    ...(registration ? { HS_TOKEN: fromRegistration(registration, 'hs_token'), AS_TOKEN: fromRegistration(registration, 'as_token') } : {}),
  }
}
