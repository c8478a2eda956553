import { accessSync, constants, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where vitest keeps the check modules it has transformed (its experimental fsModuleCache, keyed
 * by each file's content and its imports', so an edited check is transformed again): the run then
 * skips re-transforming the same TypeScript, about a second of a run's start on a busy machine.
 * In the user's own cache directory, never a shared /tmp where another user could plant code;
 * undefined (no cache, every module transformed) when that directory cannot be made or written.
 */
export function moduleCacheDir(): string | undefined {
  try {
    const dir = join(xdgCacheHome() ?? join(homedir(), '.cache'), 'as-ping-conformance', 'vitest-modules')
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    accessSync(dir, constants.W_OK)
    return dir
  } catch {
    return undefined
  }
}

/** XDG Base Directory: an empty XDG_CACHE_HOME is treated as unset. */
function xdgCacheHome(): string | undefined {
  const dir = process.env.XDG_CACHE_HOME
  return dir === '' ? undefined : dir
}
