import { escapeRegExp } from '../escape-reg-exp.js'
import { isJsonObject } from '../http/parse-json.js'
import { pingEndpoints } from './ping-endpoints.js'
import type { OperationId } from './spec-files.js'

/**
 * MSC2659 § Unstable prefix: before v1.7 the ping lived at these paths, and "Error codes can use
 * `FI.MAU.MSC2659_` instead of `M_` as the prefix." A homeserver of that time advertises them with
 * `unstable_features: {"fi.mau.msc2659": true}` (`fi.mau.msc2659.stable` advertises the stable ones).
 */
export const unstablePingFeature = 'fi.mau.msc2659'

/** The flag MSC2659 added when it was accepted: the spec's v1 paths, before a homeserver advertises v1.7. */
export const stablePingFeature = 'fi.mau.msc2659.stable'

/** Said wherever a run grades the unstable paths (a check's note, the console, the reports): what was graded, and by which words. */
export const unstableGradingNote =
  "MSC2659's unstable endpoint (§ Unstable prefix, advertised as `fi.mau.msc2659` in unstable_features), graded as MSC2659 describes it rather than as the spec's v1.7 endpoint"

/** Which set of paths a run grades: the spec's v1 endpoints, or MSC2659's unstable ones. */
export type PingDialect = 'stable' | 'unstable'

const unstablePaths: Readonly<Record<OperationId, string>> = {
  pingAppservice: '/_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping',
  ping: '/_matrix/app/unstable/fi.mau.msc2659/ping',
}

/** What begins every unstable client-server path of MSC2659's. */
const unstableClientPrefix = '/_matrix/client/unstable/fi.mau.msc2659/'

/** The path template of one ping operation in a dialect, e.g. /_matrix/app/unstable/fi.mau.msc2659/ping. */
export function pingPathIn(dialect: PingDialect, id: OperationId): string {
  return dialect === 'stable' ? pingEndpoints[id].path : unstablePaths[id]
}

/** `POST /_matrix/client/unstable/fi.mau.msc2659/appservice/{appserviceId}/ping`, for messages. */
export function describeEndpointIn(dialect: PingDialect, id: OperationId): string {
  return `${pingEndpoints[id].method} ${pingPathIn(dialect, id)}`
}

/** The client ping path of one appservice id in a dialect, the id as one percent-encoded segment. */
export function clientPingPathIn(dialect: PingDialect, appserviceId: string): string {
  return pingPathIn(dialect, 'pingAppservice').replace('{appserviceId}', encodeURIComponent(appserviceId))
}

/** The dialect whose client ping path this is (with any appservice id), or undefined for neither. */
export function dialectOfClientPingPath(rawPath: string): PingDialect | undefined {
  return matchClientPingPath(rawPath, 'anchored')?.dialect
}

/**
 * The dialect a client ping is graded in: its path's, or, for a path of neither shape, MSC2659's
 * unstable one when it begins with that prefix (`/_matrix/client/unstable/fi.mau.msc2659/…`, e.g. an
 * unencoded id), else the spec's.
 */
export function clientPingDialectAimedAt(rawPath: string): PingDialect {
  return dialectOfClientPingPath(rawPath) ?? (rawPath.startsWith(unstableClientPrefix) ? 'unstable' : 'stable')
}

/** The captured `{appserviceId}` segment (still percent-encoded) of a client ping path of either dialect. */
export function appserviceIdSegmentOf(rawPath: string): string | undefined {
  return matchClientPingPath(rawPath, 'anchored')?.idSegment
}

/**
 * The dialect of the client ping a request URL calls, any base path (`.well-known`'s base_url) before
 * it; undefined for any other URL. What an answer's errcodes may be spelt as follows from it.
 */
export function dialectOfPingUrl(url: string): PingDialect | undefined {
  return matchClientPingPath(new URL(url, 'http://base').pathname, 'anyBase')?.dialect
}

/** Whether a path (any base path before it) ends in the appservice ping path of either dialect. */
export function isAppservicePingPath(path: string): boolean {
  return (['stable', 'unstable'] as const).some((d) => path.endsWith(pingPathIn(d, 'ping')))
}

/** The errcodes MSC2659 introduced: the ones its unstable prefix applies to (the others are the spec's own). */
const pingErrcodes = ['M_URL_NOT_SET', 'M_BAD_STATUS', 'M_CONNECTION_TIMEOUT', 'M_CONNECTION_FAILED']

/** The spellings an errcode may take in a dialect: `M_BAD_STATUS` also as `FI.MAU.MSC2659_BAD_STATUS` on the unstable paths. */
export function errcodeSpellings(dialect: PingDialect, errcode: string): string[] {
  if (dialect === 'stable' || !pingErrcodes.includes(errcode)) return [errcode]
  return [errcode, `${unstableErrcodePrefix}${errcode.slice('M_'.length)}`]
}

/** How a homeserver of the dialect's time spelled an errcode: `FI.MAU.MSC2659_BAD_STATUS` on the unstable paths, as mautrix-go defines them. */
export function homeserverErrcodeIn(dialect: PingDialect, errcode: string): string {
  return errcodeSpellings(dialect, errcode).at(-1)!
}

const unstableErrcodePrefix = 'FI.MAU.MSC2659_'

/** The spec's spelling of an errcode: `FI.MAU.MSC2659_BAD_STATUS` read as `M_BAD_STATUS` (only the four it applies to), any other as it is. */
export function stableErrcodeOf(errcode: string): string {
  const stable = `M_${errcode.slice(unstableErrcodePrefix.length)}`
  return errcode.startsWith(unstableErrcodePrefix) && pingErrcodes.includes(stable) ? stable : errcode
}

/** An answer body's errcode as spelt and in the spec's spelling (`stableErrcodeOf`); undefined when the body carries no string errcode. */
export function errcodeOfBody(body: unknown): { spelt: string; stable: string } | undefined {
  return isJsonObject(body) && typeof body.errcode === 'string' ? { spelt: body.errcode, stable: stableErrcodeOf(body.errcode) } : undefined
}

/** The body with its errcode in the spec's spelling; any other body as it is. */
export function withStableErrcode(body: unknown): unknown {
  const errcode = errcodeOfBody(body)
  return errcode && errcode.stable !== errcode.spelt ? { ...(body as object), errcode: errcode.stable } : body
}

/** Each dialect's client ping path as a pattern (group 1 the id segment), built once: the mock homeserver and `must` ask per request. */
const clientPingPatterns = (['stable', 'unstable'] as const).map((dialect) => {
  const [before, after] = pingPathIn(dialect, 'pingAppservice').split('{appserviceId}')
  const rest = `${escapeRegExp(before!)}([^/]+)${escapeRegExp(after!)}$`
  return { dialect, anchored: new RegExp(`^${rest}`), anyBase: new RegExp(rest) }
})

/** Which dialect's client ping path this is and its id segment: the whole path, or its end after any base path. */
function matchClientPingPath(path: string, from: 'anchored' | 'anyBase'): { dialect: PingDialect; idSegment: string } | undefined {
  for (const pattern of clientPingPatterns) {
    const m = pattern[from].exec(path)
    if (m) return { dialect: pattern.dialect, idSegment: m[1]! }
  }
  return undefined
}
