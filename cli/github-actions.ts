import { appendFile } from 'node:fs/promises'
import { systemError } from '../harness/system-error.js'
import { renderGithubAnnotations } from '../reports/github-annotations.js'
import { renderMarkdownReport } from '../reports/markdown-report.js'
import type { RunReport } from '../reports/run-report.js'
import type { Output } from './output.js'

/**
 * What a run adds when it is a GitHub Actions step (the runner sets GITHUB_ACTIONS=true): its
 * failures and warnings as annotations on stdout, and the Markdown report appended to the job
 * summary ($GITHUB_STEP_SUMMARY), whether or not --report also writes it to a file: a
 * summary that could not be written is a note on stderr, not a lost verdict.
 */
export async function publishToGithubActions(report: RunReport, env: NodeJS.ProcessEnv, output: Output): Promise<void> {
  if (env.GITHUB_ACTIONS !== 'true') return
  const annotations = renderGithubAnnotations(report)
  if (annotations.length) output.out(`${annotations.join('\n')}\n`)
  const summary = env.GITHUB_STEP_SUMMARY
  if (!summary) return
  await appendFile(summary, renderMarkdownReport(report)).catch((thrown: unknown) => {
    output.err(`as-ping-conformance: cannot append the job summary to ${summary}: ${systemError(thrown).brief}. The reports and the exit code stand.\n`)
  })
}
