import { execFileSync } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeConformanceConfig } from '../harness/registration/conformance-config.js'
import { createConformanceRegistrations } from '../harness/registration/conformance-registrations.js'
import { reproEnvironment } from '../runner/repro-environment.js'
import type { CheckResult } from '../runner/check-result.js'
import { appserviceReproVariables, homeserverReproVariables } from './repro-variables.js'

/** A result whose repro lines read `names`. */
const reading = (...names: string[]) =>
  ({ reproduce: { command: 'npx as-ping-conformance homeserver --only X', curl: names.map((n) => `$${n}`).join(' ') } }) as CheckResult

/** What the variables hold after the line runs in a shell. */
function runLine(line: string, names: readonly string[]): string[] {
  return execFileSync('sh', ['-c', `${line}\nprintf '%s\\n' ${names.map((n) => `"$${n}"`).join(' ')}`], { encoding: 'utf8' })
    .trimEnd()
    .split('\n')
}

describe('the repro environment line', () => {
  it('sets every variable from the --config directory, with no token in the line itself', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp repro '))
    const registrations = createConformanceRegistrations({ asUrl: 'http://127.0.0.1:9000' })
    const config = await writeConformanceConfig(dir, registrations)
    const userTokenFile = join(dir, 'user token')
    await writeFile(userTokenFile, 'user_secret\n')
    const names = ['HS_URL', 'AS_TOKEN', 'HS_TOKEN', 'NO_URL_AS_TOKEN', 'UNREACHABLE_AS_TOKEN', 'USER_TOKEN']
    const line = reproEnvironment([reading(...names)], homeserverReproVariables('https://example.org/matrix/', config, userTokenFile))!
    for (const token of [registrations.main.as_token, registrations.main.hs_token, registrations.noUrl.as_token, 'user_secret'])
      expect(line).not.toContain(token)
    expect(runLine(line, names)).toEqual([
      'https://example.org/matrix',
      registrations.main.as_token,
      registrations.main.hs_token,
      registrations.noUrl.as_token,
      registrations.unreachable.as_token,
      'user_secret',
    ])
  })

  it("reads quoted tokens from a registration of the user's own, and names what the run cannot point at", async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'asp-repro-')), 'registration.yaml')
    await writeFile(file, `id: bridge\nhs_token: "hs_quoted"\nas_token: 'as_single'\nurl: http://localhost:9000\n`)
    const line = reproEnvironment([reading('AS_URL', 'HS_TOKEN', 'AS_TOKEN')], appserviceReproVariables('http://localhost:9000/', file))!
    expect(runLine(line, ['AS_URL', 'HS_TOKEN', 'AS_TOKEN'])).toEqual(['http://localhost:9000', 'hs_quoted', 'as_single'])
    expect(reproEnvironment([reading('AS_URL', 'HS_TOKEN')], appserviceReproVariables('http://localhost:9000'))).toBe(
      "export AS_URL=http://localhost:9000  # and set HS_TOKEN yourself (not in the run's files)",
    )
  })

  it('sets only what the repro lines read, and is absent when they read nothing', () => {
    const variables = homeserverReproVariables('http://hs', { dir: 'conf', files: { main: 'm.yaml', noUrl: 'n.yaml', unreachable: 'u.yaml' } })
    expect(reproEnvironment([reading('HS_URL')], variables)).toBe('export HS_URL=http://hs')
    expect(reproEnvironment([{ reproduce: { command: 'npx as-ping-conformance reference --only X' } } as CheckResult], variables)).toBeUndefined()
  })
})
