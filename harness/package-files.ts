import { existsSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { shellQuote } from './shell-quote.js'

/**
 * Where the suite's own files are, whether it runs from its sources (a clone: tsx, vitest) or
 * from its build (the installed package runs dist/*.js): files the code loads by name (check
 * files, the reference appservice's entry) carry the extension the running code has.
 */
export const moduleExtension: '.ts' | '.js' = extname(fileURLToPath(import.meta.url)) === '.ts' ? '.ts' : '.js'

/** The root of the code: the checkout itself when run from source, dist/ when built. */
export const codeRoot: string = fileURLToPath(new URL('..', import.meta.url))

/** The package root, with package.json and specs/: the nearest folder above the code that holds a package.json. */
export const packageRoot: string = nearestPackageRoot(codeRoot)

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`[harness] no package.json above ${from}`)
  }
}

/**
 * The command line that runs one of the suite's modules (`fixtures/reference-appservice/main`,
 * without extension) in a Node process of its own: through tsx from source, plain Node when built.
 */
export function nodeModuleCommand(module: string): string {
  const file = join(codeRoot, `${module}${moduleExtension}`)
  return [process.execPath, ...(moduleExtension === '.ts' ? ['--import', 'tsx'] : []), file].map(shellQuote).join(' ')
}
