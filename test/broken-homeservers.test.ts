import { describe, expect, test } from 'vitest'
import { brokenHomeservers } from '../fixtures/broken-homeservers/index.js'
import type { BrokenHomeserver } from '../fixtures/broken-homeservers/broken-homeserver.js'
import { gradedOnlyInOtherModes } from '../fixtures/support/graded-only-in-other-modes.js'
import { homeserverRequirements } from '../harness/requirements/homeserver-requirements.js'
import { anyToken, idsWith, referenceVariantRunner, type VariantRun } from './support/reference-variant-runs.js'

/** A test may first wait for a free child slot, then its run; generous, since the machine is shared. */
const testTimeoutMs = 300_000

// Two at once, not three: this file now runs beside the other files of whole-suite runs (one vitest
// worker more than the cores), and with 3 + 2 + 3 children at once under a load average of ~19
// the real-time checks (HS-PING-CONCURRENT, the run's deadline) gave false failures.
const runReference = referenceVariantRunner({ maxChildren: 2, tempPrefix: 'asp-variant' })

/** The full run against one variant, as a user would start it, with its JSON report. */
const runVariant = (name: string, extraArgs: readonly string[] = []): Promise<VariantRun> => runReference(['--variant', name, ...extraArgs], name)

/** One run per variant, shared by every test that looks at it. */
const runs = new Map<string, Promise<VariantRun>>()
function runOf(name: string): Promise<VariantRun> {
  if (!runs.has(name)) runs.set(name, runVariant(name))
  return runs.get(name)!
}

describe.concurrent('each broken homeserver fails exactly the checks it is built to fail', () => {
  test.each(brokenHomeservers.map((v): [string, BrokenHomeserver] => [v.name, v]))(
    '%s',
    async (_, variant) => {
      const { run, report, reportText } = await runOf(variant.name)
      const output = `${run.stdout}\n${run.stderr}`
      expect(report, `no JSON report; the run printed:\n${output}`).toBeDefined()
      expect(report!.problems, output).toEqual([])
      expect({ fail: idsWith(report!, 'fail'), warn: idsWith(report!, 'warn'), skip: idsWith(report!, 'skip') }, output).toEqual({
        fail: [...variant.mustFail].sort(),
        warn: [...(variant.mustWarn ?? [])].sort(),
        skip: [...(variant.consequences ?? [])].sort(),
      })
      // One root cause, one failure: what the bug also spoils is shown as a consequence of the one failing check.
      for (const r of report!.results.filter((x) => x.status === 'skip')) expect(r.consequenceOf, r.id).toBe(variant.mustFail[0])
      // Everything else passes (INFO included).
      expect(report!.results.filter((r) => !['pass', 'fail', 'warn'].includes(r.status) && r.consequenceOf === undefined)).toEqual([])
      const exitCode = variant.mustFail.length > 0 ? 1 : 0
      expect(run.code, output).toBe(exitCode)
      expect(report!.exitCode).toBe(exitCode)
      // Whatever the bug, no token reaches the output: not even one the homeserver echoed back.
      for (const [where, text] of Object.entries({ stdout: run.stdout, stderr: run.stderr, report: reportText })) {
        expect(text.match(anyToken)?.[0], `a token in ${where}`).toBeUndefined()
      }
    },
    testTimeoutMs,
  )

  test('--strict turns a warn-only variant into a failing run (exit 1)', { timeout: testTimeoutMs }, async () => {
    const variant = brokenHomeservers.find((v) => v.name === 'hs-token-also-in-query')!
    expect(variant.mustFail).toEqual([])
    const { run, report } = await runVariant(variant.name, ['--strict'])
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1)
    expect(idsWith(report!, 'warn')).toEqual([...(variant.mustWarn ?? [])].sort())
  })

  test('a failure says which check, where in the spec, expected vs actual, both hops and how to reproduce', { timeout: testTimeoutMs }, async () => {
    const { run } = await runOf('no-appservice-id-check')
    // The check's detail block: from its 'FAIL:' heading (not the one-line list entry) to the next blank line.
    const failure = /^✗ HS-PING-OTHER-AS-TOKEN .*FAIL(ED)?: .*\n(.+\n)*/m.exec(run.stdout)?.[0] ?? ''
    expect(failure, run.stdout).not.toBe('')
    // The link points at the version graded (the reference advertises up to v1.12).
    expect(failure).toContain('Spec: https://spec.matrix.org/v1.12/application-service-api/#post_matrixclientv1appserviceappserviceidping')
    expect(failure).toMatch(/Expected: .*HTTP 403, errcode "M_FORBIDDEN"/)
    expect(failure).toMatch(/Actual: .*HTTP 502/)
    // The suite's request (token redacted), what reached the stub appservice, and the answer.
    expect(failure).toMatch(/→ POST \/_matrix\/client\/v1\/appservice\/[^ ]+\/ping {2}Authorization: Bearer <unreachable_as_token#[0-9a-f]{6}>/)
    expect(failure).toMatch(/⇢ stub appservice received POST \/_matrix\/app\/v1\/ping/)
    expect(failure).toMatch(/← 502 after \d+ ms/)
    // The reference lives only during the run: the re-run is the repro, with no curl that could not reach it.
    expect(failure).toMatch(/Reproduce: npx as-ping-conformance reference --variant no-appservice-id-check --only HS-PING-OTHER-AS-TOKEN\n(?! {13}curl)/)
    expect(run.stdout).not.toContain('export HS_URL=')
  })
})

test('every homeserver check a normal run grades is shown to fail by some variant (MUST in mustFail, SHOULD in mustWarn)', () => {
  const failed = new Set(brokenHomeservers.flatMap((v) => v.mustFail))
  const warned = new Set(brokenHomeservers.flatMap((v) => v.mustWarn ?? []))
  const uncovered = homeserverRequirements
    .filter((r) => r.level !== 'INFO' && !(r.id in gradedOnlyInOtherModes))
    .filter((r) => !(r.level === 'MUST' ? failed : warned).has(r.id))
    .map((r) => `${r.id} (${r.level})`)
  expect(uncovered).toEqual([])
  // And no variant lists a check under the wrong grade, or one that does not exist.
  const levels = new Map(homeserverRequirements.map((r): [string, string] => [r.id, r.level]))
  expect([...failed].filter((id) => levels.get(id) !== 'MUST')).toEqual([])
  expect([...warned].filter((id) => levels.get(id) !== 'SHOULD')).toEqual([])
})

test('variant names are unique and kebab-case', () => {
  const names = brokenHomeservers.map((v) => v.name)
  expect(new Set(names).size).toBe(names.length)
  for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
})
