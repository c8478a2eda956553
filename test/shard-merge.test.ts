import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../cli/main.js'
import { startReferenceHomeserver, type RunningHomeserver } from '../fixtures/reference-homeserver/reference-homeserver.js'
import { freePort } from '../harness/http/free-port.js'
import { loadConformanceConfig } from '../harness/registration/conformance-config.js'
import { requirements } from '../harness/requirements/registry.js'
import { runCli } from './support/run-cli.js'

/**
 * A run split over two "machines": each shard has its own registration set (init --id-prefix) and
 * stub, both against one homeserver; merge makes one report of them.
 */
describe('--shard and merge', () => {
  let dir: string
  let homeserver: RunningHomeserver
  const silent = { out: () => undefined, err: () => undefined }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asp-shard-'))
    const configs = []
    for (const shard of [1, 2]) {
      const out = join(dir, `config-${shard}`)
      expect(await main(['init', '--as-url', `http://127.0.0.1:${await freePort()}`, '--out', out, '--id-prefix', `asp-shard${shard}`], silent)).toBe(0)
      configs.push(await loadConformanceConfig(out))
    }
    homeserver = await startReferenceHomeserver({ appservices: configs.flatMap((c) => Object.values(c.registrations)), appserviceTimeoutMs: 1_000 })
  })
  afterAll(() => homeserver?.close())

  it('runs each check in exactly one shard, and merges the shards into one run', async () => {
    const shards = await Promise.all(
      [1, 2].map((shard) =>
        runCli([
          'homeserver',
          '--hs-url',
          homeserver.url,
          '--config',
          join(dir, `config-${shard}`),
          '--hs-timeout-ms',
          '1000',
          '--shard',
          `${shard}/2`,
          '--report',
          `json=${join(dir, `shard-${shard}.json`)}`,
        ]),
      ),
    )
    for (const run of shards) {
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    }
    const [one, two] = await Promise.all([1, 2].map(async (s) => JSON.parse(await readFile(join(dir, `shard-${s}.json`), 'utf8'))))
    const ids = (report: { results: { id: string }[] }) => report.results.map((r) => r.id)
    // Only the checks graded from each shard's whole run (its stub log, its checks' answers) run in both.
    expect(ids(one).filter((id: string) => ids(two).includes(id))).toEqual(['HS-PING-RESPONSE-SCHEMA', 'HS-PING-NO-UNSOLICITED'])
    expect(one.shard).toEqual({ index: 1, count: 2 })

    let stdout = ''
    const code = await main(
      ['merge', join(dir, 'shard-2.json'), join(dir, 'shard-1.json'), '--report', `json=${join(dir, 'merged.json')},junit=${join(dir, 'merged.xml')}`],
      { out: (t) => void (stdout += t), err: (t) => void (stdout += t) },
    )
    expect(code).toBe(0)
    expect(stdout).toContain('The target conforms (exit 0).')
    const report = JSON.parse(await readFile(join(dir, 'merged.json'), 'utf8'))
    const everyCheck = requirements.filter((r) => r.role === 'homeserver' && r.id !== 'HS-PING-LOAD').map((r) => r.id)
    expect(ids(report)).toEqual(everyCheck)
    expect(report.summary.total).toBe(everyCheck.length)
    expect(report.mergedFrom.map((m: { shard: { index: number } }) => m.shard.index)).toEqual([2, 1])
    expect(await readFile(join(dir, 'merged.xml'), 'utf8')).toContain(`tests="${everyCheck.length}"`)
  })

  it('refuses to merge an incomplete set of shards (exit 2)', async () => {
    let stderr = ''
    expect(await main(['merge', join(dir, 'shard-1.json')], { out: () => undefined, err: (t) => void (stderr += t) })).toBe(2)
    expect(stderr).toContain('shard 2/2 missing')
  })
})
