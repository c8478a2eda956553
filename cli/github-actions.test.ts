import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleReport } from '../test/support/sample-report.js'
import { publishToGithubActions } from './github-actions.js'

function recordingOutput() {
  const written = { out: '', err: '' }
  return { written, output: { out: (text: string) => void (written.out += text), err: (text: string) => void (written.err += text) } }
}

describe('publishing to GitHub Actions', () => {
  it('does nothing outside GitHub Actions, even with a summary file named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'asp-no-github-'))
    const { written, output } = recordingOutput()
    await publishToGithubActions(sampleReport(), { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') }, output)
    expect(written).toEqual({ out: '', err: '' })
    expect(await readdir(dir)).toEqual([])
    await rm(dir, { recursive: true })
  })

  it('annotates without a summary file, and says on stderr when the summary cannot be written', async () => {
    const { written, output } = recordingOutput()
    await publishToGithubActions(sampleReport(), { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(tmpdir(), 'no-such-dir-asp', 'summary.md') }, output)
    expect(written.out.split('\n').filter(Boolean)).toHaveLength(2)
    expect(written.err).toMatch(/^as-ping-conformance: cannot append the job summary to .*summary\.md: ENOENT\. The reports and the exit code stand\.\n$/)
  })
})
