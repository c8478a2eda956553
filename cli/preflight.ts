import { HomeserverClient } from '../harness/clients/homeserver-client'
import { isJsonObject } from '../harness/http/parse-json'
import { pingAddedIn, pingSupport } from '../harness/spec-version'
import { UsageError } from '../harness/usage-error'

export interface TargetVersions {
  versions: string[]
  /** The spec version to grade against. */
  specVersion: string
}

/**
 * Before any check: can we reach the homeserver, and does it claim the ping at all? Either
 * failing is a reason not to run (exit 2), not a verdict.
 */
export async function probeHomeserver(hsUrl: string, options: { specVersion?: string; assumeVersion?: string }): Promise<TargetVersions> {
  const exchange = await new HomeserverClient(hsUrl, 10_000).get('/_matrix/client/versions')
  if (!exchange.response) {
    throw new UsageError(`homeserver unreachable at ${hsUrl}: ${exchange.error}`, 'check --hs-url and that the homeserver is running')
  }
  const body = exchange.response.json
  if (exchange.response.status !== 200 || !isJsonObject(body)) {
    throw new UsageError(`${hsUrl}/_matrix/client/versions answered HTTP ${exchange.response.status}, not a versions object`, 'check that --hs-url is the homeserver\'s client-server API base URL')
  }
  const support = pingSupport(body)
  const versions = Array.isArray(body.versions) ? body.versions.filter((v): v is string => typeof v === 'string') : []
  if (!support.supported && !options.assumeVersion) {
    throw new UsageError(
      `not applicable: the target advertises only ${support.newest ?? 'no spec version'}, and the ping needs ${pingAddedIn}`,
      `pass --assume-version ${pingAddedIn} to run the checks anyway`,
    )
  }
  const specVersion = options.specVersion ?? options.assumeVersion ?? (support.supported ? support.newest : undefined) ?? pingAddedIn
  return { versions, specVersion }
}
