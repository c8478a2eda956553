import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const repoRoot = new URL('../../', import.meta.url).pathname
/** Every folder made here (a project with its node_modules is ~100 MB): `removeMadeFolders` takes them away. */
const made: string[] = []

async function madeFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** Removes the clones, tarballs and projects this module made. */
export async function removeMadeFolders(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

let cacheHome: string | undefined
/**
 * The consumer's own XDG_CACHE_HOME, made once: the installed CLI keeps its vitest module cache
 * there (runner/module-cache-dir.ts), not beside the developer's own runs of this checkout.
 */
export function consumerCacheHome(): string {
  if (cacheHome === undefined || !existsSync(cacheHome)) {
    cacheHome = mkdtempSync(join(tmpdir(), 'asp-consumer-cache-'))
    made.push(cacheHome)
  }
  return cacheHome
}

/**
 * The environment a user's shell would give a command: none of the variables this test's own
 * vitest sets (VITEST, VITEST_POOL_ID, NODE_OPTIONS…), which would change how the consumer's vitest behaves.
 */
function userEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_OPTIONS$|NODE_ENV$|TINYPOOL)/.test(name)))
  return {
    ...env,
    CI: 'true',
    NO_COLOR: '1',
    XDG_CACHE_HOME: consumerCacheHome(),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  }
}

/** Runs a command to its end, as a shell would: its exit code and everything it printed (never throws for a non-zero exit). */
export async function runIn(cwd: string, command: string, args: readonly string[], timeoutMs = 300_000): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, env: userEnvironment(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string }
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: `${failed.stderr ?? ''}${String(error)}` }
  }
}

export interface PackedPackage {
  tarball: string
  /** The tarball's size in bytes, its unpacked size and its number of files, as npm pack reports them. */
  size: number
  unpackedSize: number
  entryCount: number
  files: readonly string[]
}

/**
 * `npm pack` of this repository's files as they are (tracked, and new ones git does not ignore),
 * from a copy as a fresh clone has them: its `prepare` builds dist/ there, never under the tests
 * that run this checkout's build.
 */
export async function packPackage(): Promise<PackedPackage> {
  const destination = await madeFolder('asp-pack-')
  const clone = await madeFolder('asp-clone-')
  const listed = await runIn(repoRoot, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
  for (const file of listed.stdout.split('\0').filter((f) => f && existsSync(join(repoRoot, f)))) {
    await mkdir(dirname(join(clone, file)), { recursive: true })
    await copyFile(join(repoRoot, file), join(clone, file))
  }
  await symlink(join(repoRoot, 'node_modules'), join(clone, 'node_modules'))
  const packed = await runIn(clone, 'npm', ['pack', '--json', '--pack-destination', destination])
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`)
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
    filename: string
    size: number
    unpackedSize: number
    entryCount: number
    files: { path: string }[]
  }[]
  if (!info) throw new Error('npm pack printed no package')
  return {
    tarball: join(destination, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    entryCount: info.entryCount,
    files: info.files.map((f) => f.path),
  }
}

/** A new, empty project in a temporary folder outside this repository, as a user starts one. */
export async function newProject(files: Record<string, string>): Promise<string> {
  const dir = await madeFolder('asp-consumer-')
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2))
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

/** `npm install` in the project, from the npm cache where it can (what this repository installed is there). */
export function npmInstall(dir: string, specs: readonly string[]): Promise<CommandResult> {
  return runIn(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', ...specs])
}

/** The version of a package this repository has installed, so the consumer gets the same from the cache. */
export async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
}
