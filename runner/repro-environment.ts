import type { CheckResult } from './check-result.js'

/**
 * The one shell line that sets the variables the run's repro lines read (`$HS_URL`, `$AS_TOKEN`,
 * …), each from where the run found it (`variables`: name → shell expression, e.g. reading the
 * token from the --config directory), so no token is ever printed. Variables the run cannot
 * point at (a token given on the command line) are named for the user to set. Undefined when no
 * repro line reads a variable.
 */
export function reproEnvironment(results: readonly CheckResult[], variables: Readonly<Record<string, string>>): string | undefined {
  const used = [
    ...new Set(
      results
        .flatMap((r) => (r.reproduce ? [r.reproduce.command, r.reproduce.curl ?? ''] : []))
        .flatMap((line) => [...line.matchAll(/\$([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!)),
    ),
  ]
  if (used.length === 0) return undefined
  const known = Object.keys(variables).filter((name) => used.includes(name))
  const yours = used.filter((name) => !(name in variables))
  const exports = known.length ? `export ${known.map((name) => `${name}=${variables[name]}`).join(' ')}` : ''
  const note = yours.length ? `# and set ${yours.join(', ')} yourself (not in the run's files)` : ''
  return [exports, note].filter(Boolean).join('  ')
}
