import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runProcess } from '../scripts/support/run-process.js'
import { cliInvocations, invocationProblems, reportTargetsOf, variableProblems } from './support/cli-definition.js'

/**
 * The GitLab CI example cannot run here; this holds it to the CLI (commands, flags, variables),
 * to GitLab's JUnit convention (`artifacts:reports:junit` names the file the run writes), and runs
 * its script as GitLab's bash shell does, with a stand-in for the suite, for the baseline rule:
 * tonight's report becomes the next baseline only when the run did not regress.
 */
const example = parse(await readFile(new URL('../examples/gitlab-ci.yml', import.meta.url), 'utf8')) as Record<string, GitlabJob>

interface GitlabJob {
  variables?: Record<string, string>
  script: string[]
  cache?: { key: string; paths: string[]; when?: string }
  artifacts: { when?: string; paths: string[]; reports: { junit: string } }
}

const tempDirs: string[] = []
afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))))

/** Stands in for `npx --yes as-ping-conformance@… homeserver --report json=FILE,…`: notes the baseline it got, writes a report with FAKE_VERDICT (none when unset), exits FAKE_EXIT. */
const fakeNpx = `#!/bin/bash
printf '%s' "\${CONFORMANCE_BASELINE:-}" > baseline-seen
json="$(printf '%s\\n' "$@" | sed -n 's/^json=\\([^,]*\\).*/\\1/p')"
if [ -n "\${FAKE_VERDICT:-}" ]; then mkdir -p "$(dirname "$json")" && printf '{"verdict":"%s"}' "$FAKE_VERDICT" > "$json"; fi
exit "$FAKE_EXIT"
`

describe('examples/gitlab-ci.yml', () => {
  const job = example['ping-conformance']!
  const calls = cliInvocations(job.script.join('\n'))

  it('calls this version of the CLI with commands, flags and CONFORMANCE_* variables it has, failing only on regressions', async () => {
    expect(calls.map((c) => c[0])).toEqual(['homeserver'])
    // The package it fetches is this version: the example's flags are this version's.
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(job.script.join('\n')).toContain(`npx --yes as-ping-conformance@${version} homeserver`)
    expect(invocationProblems(calls)).toEqual([])
    const exported = job.script.join('\n').match(/CONFORMANCE_[A-Z_]+/g) ?? []
    expect(variableProblems([...Object.keys(job.variables ?? {}), ...exported], ['homeserver'])).toEqual([])
    expect(job.variables?.CONFORMANCE_FAIL_ON).toBe('regressions')
    // The user token comes from a File variable: its value is in no variable and on no command line.
    expect(job.variables?.CONFORMANCE_USER_TOKEN_FILE).toMatch(/^\$\w+$/)
    expect(JSON.stringify(job)).not.toMatch(/CONFORMANCE_USER_TOKEN[^_]|--user-token /)
  })

  it('names the JUnit file the run writes in artifacts:reports:junit, and keeps every report whatever the verdict', () => {
    const targets = reportTargetsOf(calls[0]!)
    expect(targets.junit).toBeDefined()
    expect(job.artifacts.reports.junit).toBe(targets.junit)
    expect(job.artifacts.when).toBe('always')
    for (const file of Object.values(targets))
      expect(
        job.artifacts.paths.some((dir) => file.startsWith(dir)),
        file,
      ).toBe(true)
    // The cache the baseline lives in is saved only for a job that succeeded.
    expect(job.cache).toMatchObject({ paths: ['baseline/'], when: 'on_success' })
  })

  describe('its script, run as GitLab runs it (bash -eo pipefail, one shell)', () => {
    async function runScript(dir: string, fake: { verdict?: string; exit: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const bin = join(dir, 'bin')
      await mkdir(bin, { recursive: true })
      await writeFile(join(bin, 'npx'), fakeNpx)
      await chmod(join(bin, 'npx'), 0o755)
      const registrations = await runProcess('bash', ['-c', 'mkdir -p r && echo x > r/a.yaml && tar -cz -C r . | base64 -w0'], { env: process.env, cwd: dir })
      return runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job.script.join('\n')], {
        cwd: dir,
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          AS_PING_REGISTRATIONS_TGZ_BASE64: registrations.stdout,
          FAKE_EXIT: String(fake.exit),
          ...(fake.verdict ? { FAKE_VERDICT: fake.verdict } : {}),
        },
      })
    }

    const nights = [
      { verdict: 'conforms', exit: 0, promoted: true },
      { verdict: 'no-regressions', exit: 0, promoted: true },
      { verdict: 'regressed', exit: 1, promoted: false },
      { verdict: 'does-not-conform', exit: 1, promoted: false },
      { verdict: undefined, exit: 2, promoted: false },
    ]
    for (const night of nights) {
      it(`${night.verdict ?? 'no report (exit 2)'}: exit ${night.exit}, ${night.promoted ? 'the next baseline' : 'the baseline stays'}`, async () => {
        const dir = await mkdtemp(join(tmpdir(), 'asp-gitlab-'))
        tempDirs.push(dir)
        await mkdir(join(dir, 'baseline'))
        await writeFile(join(dir, 'baseline', 'report.json'), '{"verdict":"last-promoted"}')
        const run = await runScript(dir, night.verdict ? { verdict: night.verdict, exit: night.exit } : { exit: night.exit })
        expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(night.exit)
        expect(await readFile(join(dir, 'baseline-seen'), 'utf8')).toBe('baseline/report.json')
        expect(JSON.parse(await readFile(join(dir, 'baseline', 'report.json'), 'utf8')).verdict).toBe(night.promoted ? night.verdict : 'last-promoted')
        expect(existsSync(join(dir, 'conformance', 'a.yaml'))).toBe(true)
      })
    }
  })
})
