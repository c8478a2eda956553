import { setFlagsFromString } from 'node:v8'

/**
 * Each semi-space of the vitest worker's young generation, in MB. V8's default lets it grow to
 * 16 (a 32 MB new space), which the worker's short-lived garbage (module graphs, every check's
 * requests and answers) fills before a scavenge: measured on the reference runs (dist, 5 runs
 * each), 4 took the homeserver run's peak RSS from 194 to 170 MB and the appservice run's from
 * 192 to 183 MB at the same CPU time; 2 and 1 saved only 2–5 MB more and cost CPU.
 */
const workerSemiSpaceMb = 4

/**
 * Gives the threads started from now on (vitest's worker) a small young generation. A V8 flag,
 * so process-wide: the CLI's own thread is not affected (its heap was configured at start), and a
 * worker's execArgv cannot carry it (node rejects V8 flags there), nor can vitest's pool options
 * (no resourceLimits in vitest 4). Node documents setting flags after start as unsupported ("may
 * result in unpredictable behavior … or may simply do nothing"): every run's checks execute in a
 * thread started after it, so a worker that broke under it would fail every test of the project
 * (small-young-generation.test.ts starts one directly). Left alone when the user set the size for
 * the process (NODE_OPTIONS or node's flags).
 */
export function useSmallYoungGenerationForNewThreads(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('semi-space-size'))
  if (!given) setFlagsFromString(`--max-semi-space-size=${workerSemiSpaceMb}`)
}
