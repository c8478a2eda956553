import { homeserverReproVariables } from '../../cli/repro-variables.js'
import { requirement } from '../../harness/requirements/registry.js'
import { buildRunReport, type RunFacts } from '../../runner/build-run-report.js'
import type { RunReport } from '../../reports/run-report.js'
import { resultBase, type CheckResult, type CheckStatus } from '../../runner/check-result.js'
import type { HarnessProblem } from '../../runner/harness-problem.js'

/** A result for a real requirement id, as the runner would grade it. */
export function sampleResult(id: string, status: CheckStatus, extra: Partial<CheckResult> = {}): CheckResult {
  return { ...resultBase(requirement(id), 12), status, ...extra }
}

/** A failing MUST check with both hops of its exchange, tokens already redacted as the worker does; its ping needs the stub's arranged answer. */
export function sampleFailure(id = 'HS-PING-BAD-STATUS'): CheckResult {
  return sampleResult(id, 'fail', {
    message: 'status got 500 want 502',
    failure: {
      mismatches: ['status got 500 want 502', 'errcode got "M_UNKNOWN" want "M_BAD_STATUS"'],
      expected: 'HTTP 502, errcode "M_BAD_STATUS"',
      actual: 'HTTP 500 {"errcode":"M_UNKNOWN"}',
      // must.matchResponse names the exchange it graded.
      exchangeIndex: 0,
    },
    transcript: [
      {
        sent: '→ POST /_matrix/client/v1/appservice/as-ping-conformance/ping  Authorization: Bearer <as_token#29a37b>  {"transaction_id":"asp-1.x.1"}',
        callbacks: [
          '⇢ stub appservice received POST /_matrix/app/v1/ping at +2 ms  Authorization: Bearer <hs_token#c6e0be>  {"transaction_id":"asp-1.x.1"}  → answered 403 {}',
        ],
        received: '← 500 after 4 ms  {"errcode":"M_UNKNOWN","error":"Internal error"}',
        curl: '',
        needs: 'the stub appservice',
      },
    ],
  })
}

/** A failing check whose second exchange went wrong (the first passed), each with its curl, as a rejection needs no stub. */
export function sampleSecondExchangeFailure(id = 'HS-PING-WRONG-METHOD'): CheckResult {
  const curl = (method: string) => `curl -sS -X ${method} "$HS_URL/_matrix/client/v1/appservice/as-ping-conformance/ping" -H "Authorization: Bearer $AS_TOKEN"`
  return sampleResult(id, 'fail', {
    message: 'PUT: status got 200 want 405',
    failure: { mismatches: ['PUT: status got 200 want 405'], expected: 'PUT: HTTP 405', actual: 'PUT: HTTP 200 {}', exchangeIndex: 1 },
    transcript: [
      {
        sent: '→ GET /_matrix/client/v1/appservice/as-ping-conformance/ping  Authorization: Bearer <as_token#29a37b>',
        callbacks: [],
        received: '← 405 after 2 ms  {"errcode":"M_UNRECOGNIZED"}',
        curl: curl('GET'),
      },
      {
        sent: '→ PUT /_matrix/client/v1/appservice/as-ping-conformance/ping  Authorization: Bearer <as_token#29a37b>  {}',
        callbacks: [],
        received: '← 200 after 2 ms  {}',
        curl: curl('PUT'),
      },
    ],
  })
}

/** Five results: 2 pass (one INFO), 1 fail, 1 warn, 1 skip; and one appservice-endpoint pass for grouping. */
export function sampleResults(): CheckResult[] {
  return [
    sampleResult('HS-PING-OK', 'pass', { transcript: [{ sent: '→ POST /ping', callbacks: [], received: '← 200 after 3 ms  {"duration_ms":1}', curl: '' }] }),
    sampleFailure(),
    sampleResult('HS-PING-BAD-STATUS-FIELDS', 'warn', {
      message: "key 'status' missing",
      failure: { mismatches: ["key 'status' missing"], expected: 'status and body', actual: '{}' },
    }),
    sampleResult('HS-PING-USER-TOKEN', 'skip', { message: 'no --user-token given' }),
    sampleResult('HS-PING-EMPTY-BODY', 'pass', { message: 'an empty request body got HTTP 400' }),
  ]
}

export function sampleReport(
  facts: Partial<RunFacts> = {},
  results: CheckResult[] = sampleResults(),
  startedAt = '2026-01-02T03:04:05.000Z',
  problems: HarnessProblem[] = [],
): RunReport {
  return buildRunReport(
    { results, problems, startedAt, durationMs: 61_500 },
    {
      role: 'homeserver',
      target: { url: 'https://hs.example', versions: ['v1.6', 'v1.7', 'v1.12'] },
      specVersion: 'v1.12',
      strict: false,
      provenance: { node: 'v20.0.0', platform: 'linux-x64', config: { 'hs-url': 'https://hs.example', 'user-token': '<user_token#abcdef>' } },
      reproCommand: (id) => `npx as-ping-conformance homeserver --hs-url "$HS_URL" --config conf --only ${id}`,
      reproVariables: homeserverReproVariables('https://hs.example', {
        dir: 'conf',
        files: { main: 'as-ping-conformance.yaml', noUrl: 'as-ping-conformance-no-url.yaml', unreachable: 'as-ping-conformance-unreachable.yaml' },
      }),
      ...facts,
    },
  )
}
