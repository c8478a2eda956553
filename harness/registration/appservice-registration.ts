import { readFile } from 'node:fs/promises'
import { parse, stringify } from 'yaml'
import { UsageError } from '../usage-error.js'
import { systemError } from '../system-error.js'

/**
 * An application service registration, in the YAML form Synapse and other homeservers load.
 * @see https://spec.matrix.org/v1.7/application-service-api/#registration
 */
export interface AppserviceRegistration {
  id: string
  /** null: "no traffic is required" — the suite uses it for the M_URL_NOT_SET case. */
  url: string | null
  as_token: string
  hs_token: string
  sender_localpart: string
  namespaces: {
    users: NamespaceEntry[]
    aliases: NamespaceEntry[]
    rooms: NamespaceEntry[]
  }
  rate_limited: boolean
}

export interface NamespaceEntry {
  exclusive: boolean
  regex: string
}

/** Reads and validates a registration file; every problem is a one-line UsageError naming the file. */
export async function loadRegistration(file: string): Promise<AppserviceRegistration> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read registration ${file}: ${systemError(error).brief}`, 'check the path, or run `as-ping-conformance init` to write one')
  }
  let data: unknown
  try {
    data = parse(text)
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0]
    throw new UsageError(`registration ${file} is not valid YAML: ${firstLine}`, 'fix the file, or write a fresh one with `as-ping-conformance init`')
  }
  return validateRegistration(data, file)
}

export function validateRegistration(data: unknown, source: string): AppserviceRegistration {
  const fix = 'see https://spec.matrix.org/v1.7/application-service-api/#registration'
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`registration ${source} must be a YAML mapping`, fix)
  }
  const reg = data as Record<string, unknown>
  for (const key of ['id', 'as_token', 'hs_token', 'sender_localpart'] as const) {
    if (typeof reg[key] !== 'string' || reg[key] === '') {
      throw new UsageError(`registration ${source}: '${key}' must be a non-empty string`, fix)
    }
  }
  if (!('url' in reg)) throw new UsageError(`registration ${source}: 'url' is required (a URL, or null)`, fix)
  if (reg.url !== null && typeof reg.url !== 'string') {
    throw new UsageError(`registration ${source}: 'url' must be a string or null`, fix)
  }
  if (typeof reg.url === 'string' && !/^https?:\/\/[^/]/.test(reg.url)) {
    throw new UsageError(`registration ${source}: 'url' must be an absolute http(s) URL, got '${reg.url}'`, fix)
  }
  const namespaces = (reg.namespaces ?? {}) as Record<string, unknown>
  return {
    id: reg.id as string,
    url: reg.url,
    as_token: reg.as_token as string,
    hs_token: reg.hs_token as string,
    sender_localpart: reg.sender_localpart as string,
    namespaces: {
      users: (namespaces.users ?? []) as NamespaceEntry[],
      aliases: (namespaces.aliases ?? []) as NamespaceEntry[],
      rooms: (namespaces.rooms ?? []) as NamespaceEntry[],
    },
    rate_limited: reg.rate_limited === true,
  }
}

/** YAML text for a registration, with `url: null` written as YAML null (not the string "null"). */
export function renderRegistration(registration: AppserviceRegistration): string {
  return stringify(registration, { nullStr: 'null' })
}
