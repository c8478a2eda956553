import { describe, expect, it } from 'vitest'
import { requirement } from '../harness/requirements/registry.js'
import type { CheckResponses, ObservedResponse } from '../harness/scenario/observed-response.js'
import { gradeResponseSchema, responseSchemaCheckId } from './response-schema-check.js'

const context = {
  appservices: {
    main: { id: 'main', url: 'http://127.0.0.1:9000', asToken: 'as-main-token', hsToken: 'hs-main-token' },
    noUrl: { id: 'no-url', url: null, asToken: 'as-no-url-token', hsToken: 'hs-no-url-token' },
    unreachable: { id: 'unreachable', url: 'http://127.0.0.2:1', asToken: 'as-unreachable-token', hsToken: 'hs-unreachable-token' },
  },
  dialect: 'stable' as const,
}
const entry = { sent: '→ POST …', callbacks: [], received: '← …', curl: 'curl …' }
const answer = (status: number, json: unknown, more: Partial<ObservedResponse> = {}): ObservedResponse => ({
  status,
  json,
  documentedRequest: true,
  lost: false,
  entry,
  ...more,
})
const grade = (observed: CheckResponses[]) => gradeResponseSchema(requirement(responseSchemaCheckId), observed, context)
const timeout = { errcode: 'M_CONNECTION_TIMEOUT', error: 'timed out' }

describe("HS-PING-RESPONSE-SCHEMA, graded from every check's answers", () => {
  it('passes valid answers of every documented status, and says how many it validated', async () => {
    const result = await grade([
      { checkId: 'HS-PING-OK', responses: [answer(200, { duration_ms: 3 })] },
      { checkId: 'HS-PING-TIMEOUT', responses: [answer(504, timeout)] },
      { checkId: 'HS-PING-BAD-STATUS', responses: [answer(502, { errcode: 'M_BAD_STATUS', status: 403, body: 'no' })] },
    ])
    expect(result).toMatchObject({ status: 'pass', message: '3 answers to the pings of 3 checks valid against their documented schemas' })
    expect(result.dependsOn).toBeUndefined()
  })

  it("validates MSC2659's FI.MAU.MSC2659_ errcodes as the spec's on an unstable run, and only there", async () => {
    const observed = [{ checkId: 'HS-PING-BAD-STATUS', responses: [answer(502, { errcode: 'FI.MAU.MSC2659_BAD_STATUS', status: 403, body: 'no' })] }]
    const unstable = await gradeResponseSchema(requirement(responseSchemaCheckId), observed, { ...context, dialect: 'unstable' })
    expect(unstable.status).toBe('pass')
    const stable = await grade(observed)
    expect(stable.failure?.mismatches).toEqual([expect.stringMatching(/^HTTP 502 \/errcode must be equal to one of the allowed values/)])
    // On the v1 path that spelling is one root cause, owned by HS-PING-BAD-STATUS as every check's failure on it is, when its own failure is that spelling.
    expect(stable.dependsOn).toMatchObject({ checkId: 'HS-PING-BAD-STATUS', cause: 'unstable-errcode-spelling' })
  })

  it("fails a 504 whose error is no string, the schema's alone", async () => {
    const result = await grade([{ checkId: 'HS-PING-TIMEOUT', responses: [answer(504, { ...timeout, error: null })] }])
    expect(result.status).toBe('fail')
    expect(result.failure?.mismatches).toEqual(['HTTP 504 /error must be string, in 1 answer(s) to pings of HS-PING-TIMEOUT'])
    expect(result.transcript).toEqual([entry])
    expect(result.dependsOn).toBeUndefined()
  })

  it('leaves a 504 without a string errcode to HS-PING-TIMEOUT, which demands M_CONNECTION_TIMEOUT', async () => {
    const result = await grade([{ checkId: 'HS-PING-TIMEOUT', responses: [answer(504, { error: 'timed out' })] }])
    expect(result).toMatchObject({ status: 'fail', dependsOn: { checkId: 'HS-PING-TIMEOUT' } })
  })

  it("leaves duration_ms to HS-PING-OK, whichever check's 200 it is, and groups the same break", async () => {
    const result = await grade([
      { checkId: 'HS-PING-OK', responses: [answer(200, { duration_ms: '3' })] },
      { checkId: 'HS-PING-NO-TXN-OK', responses: [answer(200, { duration_ms: '4' }), answer(200, { duration_ms: '5' })] },
    ])
    expect(result.failure?.mismatches).toEqual(['HTTP 200 /duration_ms must be integer, in 3 answer(s) to pings of HS-PING-OK, HS-PING-NO-TXN-OK'])
    expect(result.dependsOn?.checkId).toBe('HS-PING-OK')
  })

  it('has no single owner when another break is its own', async () => {
    const result = await grade([
      { checkId: 'HS-PING-OK', responses: [answer(200, { duration_ms: '3' })] },
      { checkId: 'HS-PING-URL-NOT-SET', responses: [answer(400, { errcode: 'M_URL_NOT_SET', error: 5 })] },
    ])
    expect(result.status).toBe('fail')
    expect(result.dependsOn).toBeUndefined()
  })

  it("holds only documented requests to the documented statuses; 429s are the rate limiting's", async () => {
    const result = await grade([
      { checkId: 'HS-PING-MISSING-TOKEN', responses: [answer(401, { errcode: 'M_MISSING_TOKEN' }, { documentedRequest: false })] },
      { checkId: 'HS-PING-OK', responses: [answer(429, { errcode: 'M_LIMIT_EXCEEDED' })] },
      { checkId: 'HS-PING-USER-TOKEN', responses: [answer(401, { errcode: 'M_UNAUTHORIZED' })] },
    ])
    expect(result.failure?.mismatches).toEqual([
      'HTTP 401, a status the endpoint does not document (documented: 200, 400, 403, 502, 504), in 1 answer(s) to pings of HS-PING-USER-TOKEN',
    ])
    // One root cause, one failure: the check whose ping got the status grades it.
    expect(result.dependsOn?.checkId).toBe('HS-PING-USER-TOKEN')
  })

  it('leaves an undocumented status to whichever check that got it fails on it, none when no check got them all', async () => {
    const shared = await grade([
      { checkId: 'HS-PING-USER-TOKEN', responses: [answer(401, { errcode: 'M_UNAUTHORIZED' })] },
      { checkId: 'HS-PING-ERROR-BODY', responses: [answer(401, { errcode: 'M_UNAUTHORIZED' })] },
    ])
    expect(shared).toMatchObject({ status: 'fail', dependsOn: { checkId: 'HS-PING-USER-TOKEN', orAnyOf: ['HS-PING-ERROR-BODY'] } })
    const apart = await grade([
      { checkId: 'HS-PING-USER-TOKEN', responses: [answer(401, { errcode: 'M_UNAUTHORIZED' })] },
      { checkId: 'HS-PING-2XX-NOT-OBJECT', responses: [answer(500, { errcode: 'M_UNKNOWN' })] },
    ])
    expect(apart).toMatchObject({ status: 'fail' })
    expect(apart.dependsOn).toBeUndefined()
  })

  it('fails a body that is not JSON, and validates a documented status whatever the request', async () => {
    const result = await grade([{ checkId: 'HS-PING-NOT-JSON', responses: [answer(400, undefined, { documentedRequest: false, jsonProblem: 'is not JSON' })] }])
    expect(result.failure?.mismatches).toEqual(['HTTP 400 body is not JSON, in 1 answer(s) to pings of HS-PING-NOT-JSON'])
  })

  it('depends on HS-PING-TXN-PASSTHROUGH when arranged answers were never given', async () => {
    const result = await grade([{ checkId: 'HS-PING-BAD-STATUS', responses: [answer(200, { duration_ms: 1 }, { lost: true })] }])
    expect(result).toMatchObject({ status: 'pass', dependsOn: { checkId: 'HS-PING-TXN-PASSTHROUGH' } })
    const broken = await grade([{ checkId: 'HS-PING-BAD-STATUS', responses: [answer(200, { duration_ms: 'x' }, { lost: true })] }])
    expect(broken).toMatchObject({ status: 'fail', dependsOn: { checkId: 'HS-PING-TXN-PASSTHROUGH' } })
  })

  it('skips, saying why, when no check of the run got an answer', async () => {
    expect(await grade([])).toMatchObject({ status: 'skip' })
  })

  it('redacts what it reports', async () => {
    const leaky = { ...entry, received: '← 504 as-main-token' }
    const result = await grade([{ checkId: 'HS-PING-TIMEOUT', responses: [answer(504, { ...timeout, error: null }, { entry: leaky })] }])
    expect(JSON.stringify(result)).not.toContain('as-main-token')
  })
})
