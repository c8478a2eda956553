/**
 * The one module vitest runs: it imports every selected check file, so all their checks are
 * collected into one worker and run concurrently there (see run-vitest.ts). One worker instead
 * of one per file saves a worker start and a module graph per file; concurrency inside it keeps
 * the slow checks (the homeserver's own timeout) overlapping all the others.
 */
import { relative } from 'node:path'
import { afterAll, inject } from 'vitest'
import { packageRoot } from './package-root'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute paths of the check files to run. */
    checkFiles: string[]
  }
}

const files = inject('checkFiles')
const loaded = await Promise.allSettled(files.map((file) => import(/* @vite-ignore */ file)))
// A check file that does not load is a fault of the suite: name every one, and still run the
// checks of the others (the error is raised after them, so it is reported as the module's).
const broken = loaded.flatMap((r, i) => (r.status === 'rejected' ? [`${relative(packageRoot, files[i]!)}: ${firstLine(r.reason)}`] : []))
if (broken.length) {
  afterAll(() => {
    throw new Error(`[harness] check files did not load: ${broken.join('; ')}`)
  })
}

function firstLine(reason: unknown): string {
  return (reason instanceof Error ? reason.message : String(reason)).split('\n')[0] ?? ''
}
