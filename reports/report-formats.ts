/** The report formats `--report` takes, apart from their renderers (write-reports.ts), so the CLI's flags load none of them. */
export const reportFormats = ['json', 'junit', 'html', 'markdown'] as const

export type ReportFormat = (typeof reportFormats)[number]

/** Format → file to write. */
export type ReportTargets = Partial<Record<ReportFormat, string>>
