import { isJsonObject } from './http/parse-json.js'
import { stablePingFeature, unstablePingFeature, type PingDialect } from './openapi/unstable-ping-endpoints.js'

/** Spec versions as [major, minor], compared numerically ('v1.10' > 'v1.9'). */
export function parseSpecVersion(version: string): [number, number] | undefined {
  const m = /^v(\d+)\.(\d+)$/.exec(version)
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

export function compareSpecVersions(a: string, b: string): number {
  const [am, an] = parseSpecVersion(a) ?? [0, 0]
  const [bm, bn] = parseSpecVersion(b) ?? [0, 0]
  return am - bm || an - bn
}

/** The ping mechanism was added in v1.7. */
export const pingAddedIn = 'v1.7'

/**
 * The first version without the access_token query parameter (MSC4127, merged into the spec
 * text as `changed-in v="1.20"`; unreleased when this was written, so pass --spec-version to use it).
 */
export const queryTokenRemovedIn = 'v1.20'

export function queryTokenAccepted(specVersion: string): boolean {
  return compareSpecVersions(specVersion, queryTokenRemovedIn) < 0
}

/**
 * Whether a homeserver owes its clients the access_token query parameter (conformance policy):
 * while it advertises any version before the one that removes it, yes, for that version's clients;
 * advertising only later ones, it may accept or refuse. With no versions known, the graded one decides.
 */
export function queryTokenOwed(advertised: readonly string[], gradedVersion: string): boolean {
  const known = advertised.filter((v) => parseSpecVersion(v) !== undefined)
  return known.length ? known.some(queryTokenAccepted) : queryTokenAccepted(gradedVersion)
}

/**
 * Whether /versions advertises the ping, on which paths, and the newest version it lists. v1.7+ or
 * `fi.mau.msc2659.stable` advertise the spec's paths (which win when both are advertised); only
 * `fi.mau.msc2659` advertises MSC2659's unstable ones, which the run then grades (issue 14).
 */
export function pingSupport(versions: { versions?: unknown; unstable_features?: unknown }): {
  supported: boolean
  dialect?: PingDialect
  newest?: string
} {
  const list = Array.isArray(versions.versions) ? versions.versions.filter((v): v is string => typeof v === 'string' && parseSpecVersion(v) !== undefined) : []
  const newest = [...list].sort(compareSpecVersions).at(-1)
  const flags = isJsonObject(versions.unstable_features) ? versions.unstable_features : {}
  const stable = list.some((v) => compareSpecVersions(v, pingAddedIn) >= 0) || flags[stablePingFeature] === true
  const dialect: PingDialect | undefined = stable ? 'stable' : flags[unstablePingFeature] === true ? 'unstable' : undefined
  return { supported: dialect !== undefined, ...(dialect ? { dialect } : {}), ...(newest ? { newest } : {}) }
}
