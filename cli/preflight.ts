import { excerpt } from '../harness/assert/excerpt.js'
import { HomeserverClient } from '../harness/clients/homeserver-client.js'
import { isJsonObject } from '../harness/http/parse-json.js'
import { pingAddedIn, pingSupport } from '../harness/spec-version.js'
import { unstablePingFeature, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import type { TlsOptions } from '../harness/http/tls-fetch.js'
import { UsageError } from '../harness/usage-error.js'
import { isCertificateError } from './tls-options.js'

export interface TargetVersions {
  versions: string[]
  /** The spec version to grade against. */
  specVersion: string
  /** Which paths the run grades: MSC2659's unstable ones when the target advertises only `fi.mau.msc2659`. */
  dialect: PingDialect
}

/** /versions involves no appservice: any homeserver answers it at once, so a fixed wait is enough. */
export const preflightTimeoutMs = 10_000

/**
 * Before any check: can we reach the homeserver, and does it claim the ping at all? Either
 * failing is a reason not to run (exit 2), not a verdict.
 */
export async function probeHomeserver(hsUrl: string, options: { specVersion?: string; assumeVersion?: string; tls?: TlsOptions }): Promise<TargetVersions> {
  const exchange = await new HomeserverClient(hsUrl, preflightTimeoutMs, Infinity, options.tls).get('/_matrix/client/versions')
  if (!exchange.response) {
    const remedy = isCertificateError(exchange.error)
      ? "pass --ca-file with the PEM of the CA that signed the homeserver's certificate (or --insecure for a throwaway server)"
      : 'check --hs-url and that the homeserver is running'
    throw new UsageError(`no answer from the homeserver at ${hsUrl} (GET /_matrix/client/versions): ${exchange.error}`, remedy)
  }
  const { status, json: body, jsonProblem, bodyText } = exchange.response
  if (status !== 200 || !isJsonObject(body)) {
    const what = jsonProblem ? `a body that ${jsonProblem}` : isJsonObject(body) ? 'an error' : 'no JSON object'
    throw new UsageError(
      `${hsUrl}/_matrix/client/versions answered HTTP ${status} with ${what}${bodyText ? ` (${excerpt(bodyText, 80)})` : ''}, not a versions object`,
      "check that --hs-url is the homeserver's client-server API base URL",
    )
  }
  const support = pingSupport(body)
  const versions = Array.isArray(body.versions) ? body.versions.filter((v): v is string => typeof v === 'string') : []
  if (!support.supported && !options.assumeVersion) {
    throw new UsageError(
      `not applicable: the target advertises only ${support.newest ?? 'no spec version'}, and the ping needs ${pingAddedIn} (or MSC2659's unstable feature ${unstablePingFeature})`,
      `pass --assume-version ${pingAddedIn} to run the checks anyway`,
    )
  }
  // Unstable-only, the target implements the MSC as merged into v1.7, whatever older versions it lists.
  const newest = support.dialect === 'stable' ? support.newest : undefined
  const specVersion = options.specVersion ?? options.assumeVersion ?? newest ?? pingAddedIn
  return { versions, specVersion, dialect: support.dialect ?? 'stable' }
}
