import { randomBytes } from 'node:crypto'

/** A fresh unguessable token; the prefix says which kind it is when a human reads a registration. */
export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`
}
