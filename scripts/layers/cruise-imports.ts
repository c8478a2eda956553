import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { packageRoot } from '../../harness/package-files.js'
import { layerFolders } from './layer-folders.js'

export interface Import {
  from: string
  to: string
  /** dependency-cruiser's kinds of the import, e.g. 'import', 'type-only'. */
  types: string[]
}

export interface Violation {
  rule: string
  from: string
  to: string
}

/** What dependency-cruiser found: each import between the project's files, and the rules it broke. */
export interface Cruise {
  imports: Import[]
  violations: Violation[]
}

/** The parts of dependency-cruiser's JSON output read here. */
interface CruiseJson {
  modules: { source: string; dependencies: { resolved: string; coreModule: boolean; couldNotResolve: boolean; dependencyTypes: string[] }[] }[]
  summary: { violations: { rule: { name: string }; from: string; to: string }[] }
}

/** Runs dependency-cruiser with .dependency-cruiser.cjs over every folder (~10 s), as `npm test` does. */
export async function cruiseImports(): Promise<Cruise> {
  const bin = join(packageRoot, 'node_modules', '.bin', 'depcruise')
  // depcruise exits with the number of errors it found: a broken rule still comes with the whole JSON.
  const { stdout } = await promisify(execFile)(bin, [...layerFolders, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: packageRoot,
    maxBuffer: 256 * 1024 * 1024,
  }).catch((error: unknown) => {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    if (!stdout) throw new Error(`dependency-cruiser failed: ${stderr ?? (error instanceof Error ? error.message : 'no output')}`)
    return { stdout }
  })
  const json = JSON.parse(stdout) as CruiseJson
  const ownFile = (path: string) => layerFolders.some((folder) => path === folder || path.startsWith(`${folder}/`))
  return {
    imports: json.modules.flatMap((m) =>
      m.dependencies
        .filter((d) => !d.coreModule && !d.couldNotResolve && ownFile(d.resolved))
        .map((d) => ({ from: m.source, to: d.resolved, types: d.dependencyTypes })),
    ),
    violations: json.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })),
  }
}
