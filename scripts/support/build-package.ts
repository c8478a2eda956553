import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../../harness/package-files.js'

/** What the build reads: tsconfig.build.json's folders and files, and the configs themselves. */
const buildInputs = ['index.ts', 'cli', 'runner', 'harness', 'suites', 'reports', 'library', 'fixtures', 'tsconfig.json', 'tsconfig.build.json', 'package.json']
const dist = join(packageRoot, 'dist')
/** The newest input's mtime when dist/ was built from it. */
const stampFile = join(dist, '.built-from')

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/**
 * Builds dist/ (tsc -p tsconfig.build.json) into a folder beside it that then takes its place,
 * so a process running dist/ never meets it half-written or gone; unless `force`, only when an
 * input changed since the last build. tsc's errors are printed as it prints them.
 */
export function buildPackage(options: { force?: boolean } = {}): 'built' | 'up to date' {
  const newest = Math.max(
    ...buildInputs
      .map((input) => join(packageRoot, input))
      .filter((path) => existsSync(path))
      .map(newestMtime),
  )
  if (!options.force && existsSync(stampFile) && Number(readFileSync(stampFile, 'utf8')) >= newest) return 'up to date'
  const fresh = join(packageRoot, `.tmp-dist-${process.pid}`)
  const old = join(packageRoot, `.tmp-dist-old-${process.pid}`)
  try {
    const tsc = join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc')
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', fresh], { cwd: packageRoot, stdio: 'inherit' })
    writeFileSync(join(fresh, '.built-from'), String(newest))
    if (existsSync(dist)) renameSync(dist, old)
    renameSync(fresh, dist)
  } finally {
    rmSync(fresh, { recursive: true, force: true })
    rmSync(old, { recursive: true, force: true })
  }
  return 'built'
}
