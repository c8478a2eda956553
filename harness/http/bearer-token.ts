/**
 * `Authorization: Bearer <token>`, read as HTTP defines it: the scheme name is case-insensitive
 * (RFC 9110 §11.1), so `bearer x` and `BEARER x` are `Bearer x`; spaces or tabs separate it from
 * the token. The one reader of the header for every side of the suite.
 */
const bearerCredentials = /^(bearer)([ \t]+)([^ \t]+)$/i

export interface BearerCredentials {
  token: string
  /** The scheme name as sent ('Bearer', 'bearer', …). */
  scheme: string
  /** What separated it from the token, as sent. */
  separator: string
}

/** The header's Bearer credentials, or undefined when it is absent or of another scheme. */
export function parseBearer(header: string | undefined): BearerCredentials | undefined {
  const parts = header === undefined ? null : bearerCredentials.exec(header)
  return parts ? { scheme: parts[1]!, separator: parts[2]!, token: parts[3]! } : undefined
}

/** The token of a Bearer header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  return parseBearer(header)?.token
}

/**
 * True for the one spelling every homeserver reads: `Bearer`, one space, the token. Synapse
 * splits the header on " " and accepts only `parts[0] == b"Bearer"` with two parts.
 */
export function isCanonicalBearer(credentials: BearerCredentials): boolean {
  return credentials.scheme === 'Bearer' && credentials.separator === ' '
}
