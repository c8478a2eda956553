import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const header = "# Written by as-ping-conformance: these files hold the appservices' tokens; keep them out of version control."

/**
 * Lists the token-holding files in the directory's .gitignore: a new .gitignore naming exactly
 * them, or the names an existing one lacks appended to it (never `*`: --out may be a project's root).
 */
export async function keepOutOfGit(dir: string, files: readonly string[]): Promise<void> {
  const path = join(dir, '.gitignore')
  const existing = await readFile(path, 'utf8').catch(() => undefined)
  const listed = new Set((existing ?? '').split(/\r?\n/).map((line) => line.trim()))
  const missing = files.filter((f) => !listed.has(f) && !listed.has(`/${f}`))
  if (missing.length === 0) return
  const lines = [...(listed.has(header) ? [] : [header]), ...missing.map((f) => `/${f}`)]
  const before = existing === undefined ? '' : existing.endsWith('\n') || existing === '' ? existing : `${existing}\n`
  await writeFile(path, `${before}${lines.join('\n')}\n`)
}
