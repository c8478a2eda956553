import type { Level } from './level.js'

/**
 * The conformance policy as data: one entry per row of its tables (docs/conformance-policy.md, a
 * verbatim copy of the product decision), with the row's own words, and the rows the suite grades
 * that the policy lacks (`source: 'suite'`). Every requirement names its row (`policyRow`); the
 * README's policy table and docs/checks.md are rendered from here, and policy-rows.test.ts fails
 * when these entries and the document part.
 */
export interface PolicyRow {
  /** Stable id, `<hs|as|as-client>.<kebab>`: what requirements cite and the docs link to. */
  id: string
  /** Which table of the document: the homeserver endpoint, the appservice endpoint, the appservice as ping client. */
  section: PolicySection
  /** `policy`: a row of the document, words quoted verbatim. `suite`: not in the policy, graded by the project for the reason in `why`. */
  source: 'policy' | 'suite'
  behaviour: string
  /** The grade as the row states it ("MUST / SHOULD for the header"). */
  grade: string
  /** The levels `grade` allows a requirement citing the row (a row with several grades lists each). */
  levels: readonly Level[]
  why: string
  /** Why no requirement grades this row, when none does (a row without a check needs a reason). */
  noRequirement?: string
}

export type PolicySection = 'homeserver' | 'appservice' | 'appservice-client'

/** Each section's heading in the document, verbatim; the README's policy table uses them too. */
export const policySectionHeadings: Readonly<Record<PolicySection, string>> = {
  homeserver: 'Homeserver: `POST /_matrix/client/v1/appservice/{appserviceId}/ping`',
  appservice: 'Appservice: `POST /_matrix/app/v1/ping`',
  'appservice-client': 'Appservice as ping client (the appservice calls the homeserver)',
}

/** The document's rows, in its order. */
const documentRows = [
  {
    id: 'hs.valid-ping',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Valid ping: 200 and `duration_ms` an integer ≥ 0',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema: `duration_ms` required, `type: integer`',
  },
  {
    id: 'hs.duration-measured',
    section: 'homeserver',
    source: 'policy',
    behaviour: '`duration_ms` is measured: ≥ the delay the stub appservice imposed, ≤ the round trip the suite observed (+ a small slack for rounding)',
    grade: 'MUST',
    levels: ['MUST'],
    why: '"The duration in milliseconds that the /_matrix/app/v1/ping request took from the homeserver\'s point of view"',
  },
  {
    id: 'hs.forwarded-once',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'The stub appservice received exactly one `POST /_matrix/app/v1/ping` per ping, before the homeserver answered',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'sequence diagram "Typical"',
  },
  {
    id: 'hs.hs-token-header',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'That call carries `Authorization: Bearer <hs_token>`',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'AS API § Authorisation, v1.4+',
  },
  {
    id: 'hs.no-query-token',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'That call also carries `?access_token=`',
    grade: 'SHOULD NOT (warning)',
    levels: ['SHOULD'],
    why: '"should only send this query parameter if supporting legacy versions"; it puts the token into access logs',
  },
  {
    id: 'hs.txn-passthrough',
    section: 'homeserver',
    source: 'policy',
    behaviour: '`transaction_id` given by the client arrives unchanged (JSON-equal string)',
    grade: 'MUST',
    levels: ['MUST'],
    why: '"copied directly from the … call"',
  },
  {
    id: 'hs.no-txn-omitted',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'No `transaction_id` given: the homeserver omits it',
    grade: 'INFO if omitted; SHOULD (warning) if sent as `null`',
    levels: ['SHOULD', 'INFO'],
    why: 'schema types it as a string',
  },
  {
    id: 'hs.bad-status',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Appservice answers a non-2xx status: 502 `M_BAD_STATUS`',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema 502',
  },
  {
    id: 'hs.bad-status-fields',
    section: 'homeserver',
    source: 'policy',
    behaviour: '… with `status` and `body` present',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: '"may include"; it is the whole point of the debugging aid',
  },
  {
    id: 'hs.bad-status-accurate',
    section: 'homeserver',
    source: 'policy',
    behaviour: "… where present, `status` equals the appservice's status and `body` equals its body text (small UTF-8 bodies)",
    grade: 'MUST',
    levels: ['MUST'],
    why: 'a wrong value is worse than none',
  },
  {
    id: 'hs.connection-failed',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Appservice unreachable (connection refused or reset): 502 `M_CONNECTION_FAILED`',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema 502',
  },
  {
    id: 'hs.timeout',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Appservice never answers: 504 `M_CONNECTION_TIMEOUT`',
    grade: 'MUST',
    levels: ['MUST'],
    why: "schema 504. The spec sets no timeout, so the suite waits for the homeserver's own timeout (configurable, default long enough for Synapse's 60 s) and reports how long it took",
  },
  {
    id: 'hs.url-not-set',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Registration with `url: null`: 400 `M_URL_NOT_SET`, and no call to any appservice',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema 400',
  },
  {
    id: 'hs.other-as-token',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Token of another appservice for this id: 403 `M_FORBIDDEN`, and no call to either appservice',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema 403',
  },
  {
    id: 'hs.user-token',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Valid token of an ordinary user: 403 `M_FORBIDDEN`',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'schema 403 (some servers answer 401 `M_UNAUTHORIZED`: that fails)',
  },
  {
    id: 'hs.missing-unknown-token',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Missing token: 401 `M_MISSING_TOKEN`; unknown token: 401 `M_UNKNOWN_TOKEN`',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'client-server API § Using access tokens',
  },
  {
    id: 'hs.query-as-token',
    section: 'homeserver',
    source: 'policy',
    behaviour: '`as_token` in the `access_token` query parameter',
    grade:
      'MUST be accepted while the homeserver advertises any version from v1.7 to v1.19; INFO (accepting and refusing are both allowed) when it advertises only versions from the release that removes it (MSC4127) on',
    levels: ['MUST', 'INFO'],
    why: 'v1.7–v1.19: "Homeservers MUST support both methods", and a server that still advertises v1.19 owes that to v1.19 clients; the removal says clients no longer send it, not that servers must refuse it. *Corrected 2026-12: the earlier row demanded rejection from the removal version.*',
  },
  {
    id: 'hs.hs-token-refused',
    section: 'homeserver',
    source: 'policy',
    behaviour: '`hs_token` used as the access token on the client endpoint',
    grade: 'MUST: 401 `M_UNKNOWN_TOKEN`, and no call out',
    levels: ['MUST'],
    why: 'it is no access token; swapped tokens are a real set-up mistake',
  },
  {
    id: 'hs.2xx-not-object',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Appservice answers 2xx with an empty body, a non-JSON or non-object body, or 204',
    grade:
      'MUST: one of the documented answers (200 with `duration_ms`, 502 `M_BAD_STATUS`, 502 `M_CONNECTION_FAILED`), never a 5xx of its own; which one: INFO',
    levels: ['MUST', 'INFO'],
    why: 'the spec does not say whether such an answer is a success; Synapse answers `M_CONNECTION_FAILED`, others treat any 2xx as success',
  },
  {
    id: 'hs.redirect',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Appservice answers a redirect (3xx with `Location`)',
    grade:
      'MUST: not followed → 502 `M_BAD_STATUS` with the 3xx `status` (it is a non-2xx answer); followed → graded on the final answer; whether it follows: INFO',
    levels: ['MUST', 'INFO'],
    why: 'MSC2659: "For non-2xx responses"; redirects are not mentioned',
  },
  {
    id: 'hs.empty-txn',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Empty-string `transaction_id`',
    grade: 'MUST arrive unchanged',
    levels: ['MUST'],
    why: 'it is a string',
  },
  {
    id: 'hs.concurrent',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Concurrent pings with different outcomes each get their own answer',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'a shared-state bug makes the debugging aid lie',
  },
  {
    id: 'hs.empty-body',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Empty request body',
    grade: 'INFO (400 `M_NOT_JSON` and treating it as `{}` are both seen)',
    levels: ['INFO'],
    why: 'body is `required`, servers differ',
  },
  {
    id: 'hs.response-schema',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Every response matches the OpenAPI schema for its status in `specs/`',
    grade: 'MUST',
    levels: ['MUST'],
    why: "the spec's own data",
  },
  {
    id: 'hs.error-body',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Error bodies are JSON objects with `errcode` (and `error` where the schema requires it), `Content-Type: application/json`',
    grade: 'MUST / SHOULD for the header',
    levels: ['MUST', 'SHOULD'],
    why: 'standard error response',
  },
  {
    id: 'hs.wrong-method',
    section: 'homeserver',
    source: 'policy',
    behaviour: 'Wrong method on the ping path: 405 `M_UNRECOGNIZED`',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: '"expected to be returned"',
  },
  {
    id: 'hs.error-no-tokens',
    section: 'homeserver',
    source: 'policy',
    behaviour: '`error` text does not contain the `hs_token` or `as_token`',
    grade: 'SHOULD (security warning)',
    levels: ['SHOULD'],
    why: 'not in the spec, but tokens leak into client logs otherwise',
  },
  {
    id: 'as.valid-ping',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Valid `Authorization: Bearer <hs_token>`, body with or without `transaction_id`: 200 and a JSON object (`{}`)',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'ping.yaml 200',
  },
  {
    id: 'as.repeated-concurrent',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Repeated and concurrent valid pings each get 200',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'homeservers retry; a ping has no side effects (MSC)',
  },
  {
    id: 'as.unsolicited',
    section: 'appservice',
    source: 'policy',
    behaviour: 'An appservice that rejects a valid ping it did not start itself',
    grade: 'SHOULD (warning), reported with its own check id',
    levels: ['SHOULD'],
    why: 'the MSC allows an appservice to use the ping "to verify"; the spec\'s 200 says a valid token is enough',
  },
  {
    id: 'as.wrong-token',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Wrong token: rejected with errcode `M_FORBIDDEN`',
    grade: 'MUST',
    levels: ['MUST'],
    why: '"failing the request with an M_FORBIDDEN error"',
  },
  {
    id: 'as.wrong-token-403',
    section: 'appservice',
    source: 'policy',
    behaviour: '… with HTTP 403',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'the spec names no status; 403 is the AS API pattern for rejected credentials',
  },
  {
    id: 'as.missing-token',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Missing token: rejected with a 4xx Matrix error',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'it cannot match the `hs_token`',
  },
  {
    id: 'as.missing-token-401',
    section: 'appservice',
    source: 'policy',
    behaviour: '… with HTTP 401',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'AS API pattern: 401 when "the homeserver has not supplied credentials"',
  },
  {
    id: 'as.token-mismatch',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Header and query token both present and different: rejected',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: '"should ensure both match if both are provided"',
  },
  {
    id: 'as.query-token',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Token only in the `access_token` query parameter',
    grade: 'INFO',
    levels: ['INFO'],
    why: 'legacy; accepting and rejecting are both seen',
  },
  {
    id: 'as.malformed-json',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Malformed JSON: 400 `M_NOT_JSON`, never 5xx',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'standard error codes',
  },
  {
    id: 'as.error-body',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Error bodies are JSON with `errcode`; no stack traces, no server file paths, no echo of the expected token',
    grade: 'MUST for `errcode`; SHOULD for the rest (security)',
    levels: ['MUST', 'SHOULD'],
    why: 'standard error response',
  },
  {
    id: 'as.unknown-route',
    section: 'appservice',
    source: 'policy',
    behaviour: 'Unknown route: 404 `M_UNRECOGNIZED`; wrong method: 405 `M_UNRECOGNIZED`',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'AS API § Unknown routes',
  },
  {
    id: 'as-client.ping-request',
    section: 'appservice-client',
    source: 'policy',
    behaviour:
      'Calls `POST /_matrix/client/v1/appservice/{its id}/ping` with `Authorization: Bearer <as_token>`, id percent-encoded, body a JSON object whose `transaction_id`, if any, is a string',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'appservice_ping.yaml',
  },
  {
    id: 'as-client.ping-back',
    section: 'appservice-client',
    source: 'policy',
    behaviour: "Answers the homeserver's ping-back for that transaction with 200 `{}`",
    grade: 'MUST',
    levels: ['MUST'],
    why: 'sequence diagram "Typical"',
  },
  {
    id: 'as-client.survives-errors',
    section: 'appservice-client',
    source: 'policy',
    behaviour: 'Keeps running (still answers `/_matrix/app/v1/ping`) after the homeserver answers 502, 504, 400 `M_URL_NOT_SET`, or cannot be reached',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: '"take care to not fail entirely in the event of temporary issues"',
  },
] as const satisfies readonly PolicyRow[]

/** Rows the policy lacks (docs/policy-notes.md: "Where we think the policy is wrong"), graded from the spec's schemas, its common error codes and what Synapse does. */
const suiteRows = [
  {
    id: 'hs.as-content-type',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'The call to the appservice is sent with `Content-Type: application/json`',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'SHOULD for the header, as the error-body row',
  },
  {
    id: 'hs.non-bearer-auth',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'An `Authorization` header with another scheme than `Bearer`: 401 `M_MISSING_TOKEN`',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'beside the missing-token row: Synapse answers "Invalid Authorization header." 401 `M_MISSING_TOKEN`; a token cut out of another scheme is a guess',
  },
  {
    id: 'hs.not-json',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'A request body that is not JSON: 400 `M_NOT_JSON`, and no call out',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'the empty-body row is INFO; a common error code, and what Synapse answers',
  },
  {
    id: 'hs.body-not-object',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'A JSON body that is not an object: 400 `M_BAD_JSON`, and no call out',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'the schema and a common error code; Synapse answers "Content must be a JSON object." 400 `M_BAD_JSON`',
  },
  {
    id: 'hs.txn-not-string',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'A `transaction_id` that is not a string: 400 `M_BAD_JSON`, and it is not forwarded',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'forwarding it sends the appservice a body its schema forbids (Synapse forwards it, so it warns)',
  },
  {
    id: 'hs.no-unsolicited',
    section: 'homeserver',
    source: 'suite',
    behaviour: 'The homeserver calls `/_matrix/app/v1/ping` only when a client ping asks it to',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'the spec: "only called by the homeserver as a direct result of" a client ping; stray pings mean a client cannot trust its own ping\'s result',
  },
  {
    id: 'hs.unknown-id',
    section: 'homeserver',
    source: 'suite',
    behaviour: "An appservice's `as_token` for an id no appservice has: 403 `M_FORBIDDEN`, and no call out",
    grade: 'MUST',
    levels: ['MUST'],
    why: 'the spec\'s 403 is for a token that "belongs to a different appservice than the one in the path", which an id nobody registered is; the row for another appservice\'s token names only ids that exist. Synapse answers it 403 "Mismatching application service ID in path" (research (f))',
  },
  {
    id: 'as.null-txn',
    section: 'appservice',
    source: 'suite',
    behaviour: 'A ping with `"transaction_id": null`: 200',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'interoperability: Synapse sends `{"transaction_id": null}` when the client gave none',
  },
  {
    id: 'as.both-tokens',
    section: 'appservice',
    source: 'suite',
    behaviour: 'The `hs_token` in both the header and the `access_token` query parameter: 200',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'the other side of the header/query row: both given and matching is a valid ping (homeservers supporting legacy versions send both)',
  },
  {
    id: 'as.auth-on-repeated-txn',
    section: 'appservice',
    source: 'suite',
    behaviour: 'A wrong or missing token is rejected even with a `transaction_id` already answered',
    grade: 'MUST',
    levels: ['MUST'],
    why: 'the wrong-token and missing-token rows (MUST) hold on every request: an answer cached by `transaction_id` must not skip them',
  },
  {
    id: 'as.content-type',
    section: 'appservice',
    source: 'suite',
    behaviour: 'The ping endpoint answers with `Content-Type: application/json`',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: "no row on this side; SHOULD for the header, as the homeserver's error-body row",
  },
  {
    id: 'as-client.pings',
    section: 'appservice-client',
    source: 'suite',
    behaviour: 'An appservice said to ping its homeserver as it starts does ping it',
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'pinging is a "may", so graded only when the run is told the appservice pings (`--expect-ping`, `--wait-for-ping` without `--spawn`, the library\'s ping function), skipped otherwise',
  },
  {
    id: 'as-client.bearer-spelling',
    section: 'appservice-client',
    source: 'suite',
    behaviour: "The appservice's own ping spells its header exactly `Bearer <as_token>`",
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: 'interoperability: HTTP makes the scheme case-insensitive, but Synapse (`get_access_token_from_request`) accepts only `parts[0] == b"Bearer"` after splitting on one space',
  },
  {
    id: 'as-client.content-type',
    section: 'appservice-client',
    source: 'suite',
    behaviour: "The appservice's own ping is sent with `Content-Type: application/json`",
    grade: 'SHOULD',
    levels: ['SHOULD'],
    why: "SHOULD for the header, as the homeserver's error-body row",
  },
] as const satisfies readonly PolicyRow[]

/** Every row, the document's first; per section in the docs. */
export const policyRows: readonly PolicyRow[] = [...documentRows, ...suiteRows]

export type PolicyRowId = (typeof documentRows)[number]['id'] | (typeof suiteRows)[number]['id']

const byId = new Map(policyRows.map((row) => [row.id, row]))

export function policyRow(id: PolicyRowId): PolicyRow {
  const found = byId.get(id)
  if (!found) throw new Error(`[harness] no policy row ${id} in harness/requirements/policy-rows.ts`)
  return found
}
