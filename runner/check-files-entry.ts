/**
 * The one module vitest runs: it imports every selected check file and declares each file's
 * check against the run, so all of them are collected into one worker and run concurrently there
 * (see run-vitest.ts). One worker instead of one per file saves a worker start and a module graph
 * per file; concurrency inside it keeps the slow checks (the homeserver's own timeout) overlapping
 * all the others. Check files only define their check (no side effects on import): declaring is
 * done here, for the role the runner provided.
 */
import { relative } from 'node:path'
import { afterAll, inject } from 'vitest'
import '../harness/appservice-run-context.js'
import '../harness/run-context.js'
import { declareAppserviceCheck, type AppserviceCheckDefinition } from '../harness/scenario/appservice-check.js'
import { targetFromRunContext } from '../harness/scenario/appservice-target.js'
import { declareHomeserverCheck, type CheckDefinition } from '../harness/scenario/check.js'
import { codeRoot } from '../harness/package-files.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute paths of the check files to run. */
    checkFiles: string[]
  }
}

const files = inject('checkFiles')
const homeserverRun = inject('conformance')
const appserviceRun = inject('appserviceConformance')
const appserviceTarget = appserviceRun ? targetFromRunContext(appserviceRun) : undefined
const loaded = await Promise.allSettled(files.map((file) => import(/* @vite-ignore */ file)))
// A check file that does not load, or defines no check, is a fault of the suite: name every one,
// and still run the checks of the others (the error is raised after them, so it is reported as the module's).
const broken: string[] = []
loaded.forEach((result, i) => {
  const file = relative(codeRoot, files[i]!)
  if (result.status === 'rejected') return void broken.push(`${file}: ${firstLine(result.reason)}`)
  const definition = (result.value as { default?: unknown }).default
  if (!isDefinition(definition)) return void broken.push(`${file}: exports no check (export default check(…) / appserviceCheck(…))`)
  if (appserviceTarget) declareAppserviceCheck(definition as AppserviceCheckDefinition, appserviceTarget)
  else declareHomeserverCheck(definition as CheckDefinition, homeserverRun)
})
if (broken.length) {
  afterAll(() => {
    throw new Error(`[harness] check files did not load: ${broken.join('; ')}`)
  })
}

function isDefinition(value: unknown): value is CheckDefinition | AppserviceCheckDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { body?: unknown }).body === 'function'
  )
}

function firstLine(reason: unknown): string {
  return (reason instanceof Error ? reason.message : String(reason)).split('\n')[0] ?? ''
}
