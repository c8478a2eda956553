import { isJsonObject } from '../http/parse-json.js'
import type { HomeserverClient } from './homeserver-client.js'

/** What `GET /_matrix/client/v3/account/whoami` said of a token: whose it is, or why not. */
export type WhoamiAnswer = { userId: string } | { problem: string; status?: number; errcode?: string }

/** Asks the homeserver whose token this is: a loaded registration's as_token names its sender. */
export async function whoami(client: HomeserverClient, token: string): Promise<WhoamiAnswer> {
  const exchange = await client.get('/_matrix/client/v3/account/whoami', token)
  const response = exchange.response
  if (!response) return { problem: `no answer (${exchange.error})` }
  const body = response.json
  if (response.status === 200 && isJsonObject(body) && typeof body.user_id === 'string') return { userId: body.user_id }
  const errcode = isJsonObject(body) && typeof body.errcode === 'string' ? body.errcode : undefined
  return { problem: `HTTP ${response.status}${errcode ? ` ${errcode}` : ''}`, status: response.status, ...(errcode ? { errcode } : {}) }
}

/** The homeserver says it does not know the token at all (as opposed to: no whoami, or a fault of its own). */
export function tokenRefused(answer: WhoamiAnswer): boolean {
  return 'problem' in answer && (answer.status === 401 || answer.status === 403)
}
