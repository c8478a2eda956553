import { errcodeOfBody, type PingDialect } from '../harness/openapi/unstable-ping-endpoints.js'
import { unstableErrcodeSpelling, unstableErrcodesOwner } from '../harness/scenario/unstable-errcode-spelling.js'

/** A field of an answer whose schema another check grades on its own. */
interface FieldOwner {
  checkId: string
  status: number
  /** JSON pointers into the body, as the response validator names them. */
  paths: readonly string[]
  /** Only answers with this errcode. */
  errcode?: string
  /** The field, in words for the dependency's reason. */
  what: string
  /** The root cause the owner's failure must show to own the break (CheckDependency.cause). */
  cause?: string
}

/**
 * One root cause, one failure: a schema break in one of these fields is the owning check's failure,
 * and HS-PING-RESPONSE-SCHEMA is shown as its consequence. The 504's errcode is HS-PING-TIMEOUT's: it
 * demands M_CONNECTION_TIMEOUT of that answer, and no other check reads a 504 (HS-PING-ERROR-BODY
 * leaves it out), so a 504 without a string errcode fails there; its `error` is the schema's alone.
 */
const owners: readonly FieldOwner[] = [
  { checkId: 'HS-PING-OK', status: 200, paths: ['/duration_ms'], what: "a 200's duration_ms" },
  { checkId: 'HS-PING-BAD-STATUS-ACCURATE', status: 502, errcode: 'M_BAD_STATUS', paths: ['/status', '/body'], what: "M_BAD_STATUS's status and body" },
  { checkId: 'HS-PING-TIMEOUT', status: 504, paths: ['/errcode'], what: "the 504's errcode" },
]

/** The check that grades this field of this answer, if another one does. */
export function fieldOwner(status: number, body: unknown, path: string, dialect: PingDialect): Pick<FieldOwner, 'checkId' | 'what' | 'cause'> | undefined {
  // Either spelling: on MSC2659's unstable path M_BAD_STATUS may be FI.MAU.MSC2659_BAD_STATUS (a stable run never lets that pass its check).
  const errcode = errcodeOfBody(body)
  // On the v1 path that spelling breaks the errcode's enum, whatever the status: one root cause, owned as every check's failure on it is.
  if (dialect === 'stable' && path === '/errcode' && errcode && errcode.stable !== errcode.spelt)
    return { checkId: unstableErrcodesOwner, what: "an errcode spelt FI.MAU.MSC2659_… on the spec's v1 path", cause: unstableErrcodeSpelling }
  return owners.find((o) => o.status === status && o.paths.includes(path) && (o.errcode === undefined || o.errcode === errcode?.stable))
}
