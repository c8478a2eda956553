import { createHash } from 'node:crypto'
import { accessSync, constants, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { codeRoot } from '../harness/package-files.js'
import { toolVersion } from './tool-version.js'

/** Which copy of the suite runs: where its code is, and its version. */
export interface SuiteInstall {
  codeRoot: string
  version: string
}

/**
 * Where vitest keeps the check modules it has transformed (its experimental fsModuleCache, keyed
 * by each file's content and its imports', so an edited check is transformed again): the run then
 * skips re-transforming the same TypeScript, about a second of a run's start on a busy machine.
 * In the user's own cache directory, never a shared /tmp where another user could plant code;
 * undefined (no cache, every module transformed) when that directory cannot be made or written.
 *
 * One folder per install (its version and a hash of its code's path): two installs, of other
 * versions or in other places (each with its own vitest), never write one folder at once, which
 * once ended a run with ENOTEMPTY when two installs renamed their entries into the same one.
 */
export function moduleCacheDir(install: SuiteInstall = { codeRoot, version: toolVersion }): string | undefined {
  try {
    const dir = join(xdgCacheHome() ?? join(homedir(), '.cache'), 'as-ping-conformance', 'vitest-modules', installFolderName(install))
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    accessSync(dir, constants.W_OK)
    return dir
  } catch {
    return undefined
  }
}

/** `<version>-<first 12 hex digits of sha256(code root)>`: readable, short, and one per install. */
function installFolderName(install: SuiteInstall): string {
  const rootHash = createHash('sha256').update(install.codeRoot).digest('hex').slice(0, 12)
  return `${install.version.replace(/[^\w.-]/g, '_')}-${rootHash}`
}

/** XDG Base Directory: an empty XDG_CACHE_HOME is treated as unset. */
function xdgCacheHome(): string | undefined {
  const dir = process.env.XDG_CACHE_HOME
  return dir === '' ? undefined : dir
}
