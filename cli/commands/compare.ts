import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { systemError } from '../../harness/system-error.js'
import { UsageError } from '../../harness/usage-error.js'
import { compareReports } from '../../runner/compare-reports.js'
import { parseRunReport } from '../../runner/parse-run-report.js'
import { historyTrend, parseHistory } from '../../runner/run-history.js'
import { renderCompareHtml } from '../../reports/compare-html.js'
import { renderCompareMarkdown } from '../../reports/compare-markdown.js'
import type { ReportTargets } from '../option-parsers.js'
import type { Output } from '../output.js'

export interface CompareOptions {
  /** NAME=FILE: a column's label; FILE is compared even when not given as an argument. */
  label?: { name: string; file: string }[]
  report?: ReportTargets
  disagreementsFirst?: boolean
  /** A --history file to draw the trend from and find flaky checks in. */
  history?: string
}

const renderers = { html: renderCompareHtml, markdown: renderCompareMarkdown } as const

/**
 * `as-ping-conformance compare A.json B.json … --report html=F,markdown=F`: the JSON reports of
 * different targets side by side, and with --history the trend and the flaky checks. Exit 0 when
 * written, 2 for bad input (a file that is not a report, two columns of one name).
 */
export async function compareCommand(files: string[], options: CompareOptions, output: Output): Promise<number> {
  const formats = Object.keys(options.report ?? {}) as (keyof ReportTargets)[]
  const unsupported = formats.filter((f) => !(f in renderers))
  if (unsupported.length) throw new UsageError(`compare writes html and markdown, not ${unsupported.join(', ')}`, 'use --report html=FILE,markdown=FILE')
  const targets = options.report
  if (!targets?.html && !targets?.markdown) throw new UsageError('compare needs --report html=FILE and/or markdown=FILE', 'add --report html=compare.html')
  const labels = options.label ?? []
  // Each file once, as first given (an argument, or a --label's FILE alone), in that order.
  const given = [...files, ...labels.map((l) => l.file)]
  const unique = given.filter((f, i) => given.findIndex((o) => resolve(o) === resolve(f)) === i)
  if (unique.length === 0 && !options.history)
    throw new UsageError('nothing to compare', 'pass the JSON reports (--report json=FILE of each run), or --history FILE')

  const reports = await Promise.all(
    unique.map(async (file) => ({ file, report: parseRunReport(await readInput(file, 'pass the JSON report of each run (--report json=FILE)'), file) })),
  )
  const names = defaultLabels(reports.map((r) => r.file))
  const labelled = reports.map((r, i) => ({ ...r, label: labels.findLast((l) => resolve(l.file) === resolve(r.file))?.name ?? names[i]! }))
  const duplicate = labelled.find((r, i) => labelled.findIndex((o) => o.label === r.label) !== i)
  if (duplicate) throw new UsageError(`two reports are labelled '${duplicate.label}'`, 'give each a name of its own with --label NAME=FILE')

  const history = options.history
    ? historyTrend(parseHistory(await readInput(options.history, 'pass a file written by --history FILE.jsonl'), options.history))
    : undefined
  const comparison = compareReports(labelled, { ...(options.disagreementsFirst ? { disagreementsFirst: true } : {}), ...(history ? { history } : {}) })
  for (const format of ['html', 'markdown'] as const) {
    const file = targets[format]
    if (!file) continue
    const text = renderers[format](comparison)
    await mkdir(dirname(file), { recursive: true })
      .then(() => writeFile(file, text))
      .catch((thrown: unknown) => {
        throw new UsageError(`cannot write the ${format} comparison to ${file}: ${systemError(thrown).brief}`, 'check the paths given to --report')
      })
  }
  const flaky = history ? `; ${history.flaky.length} flaky of ${history.runs} runs` : ''
  output.out(
    `Compared ${labelled.length} report${labelled.length === 1 ? '' : 's'} (${labelled.map((r) => r.label).join(', ') || 'none'}): ${comparison.rowCount} checks, ${comparison.disagreements} where they disagree${flaky}. Wrote ${Object.values(targets).join(', ')}.\n`,
  )
  return 0
}

async function readInput(file: string, fix: string): Promise<string> {
  return readFile(file, 'utf8').catch((thrown: unknown) => {
    throw new UsageError(`cannot read ${file}: ${systemError(thrown).brief}`, fix)
  })
}

/** Each file's name without .json; where two share a name, the folder tells them apart. */
function defaultLabels(files: readonly string[]): string[] {
  const short = files.map((f) => basename(f).replace(/\.json$/i, ''))
  return short.map((name, i) => (short.filter((n) => n === name).length > 1 ? `${basename(dirname(resolve(files[i]!)))}/${name}` : name))
}
