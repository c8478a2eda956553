import type { ConformanceConfig } from '../../harness/registration/conformance-config.js'

/** What no output of the CLI may contain, whatever the target or the user did. */

/** A line of a JavaScript stack trace, or a Node.js internal frame. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .*\(/.test(text) || text.includes('node:internal')
}

/** Every token of a config: none may ever be printed. */
export function configTokens(config: ConformanceConfig): string[] {
  return Object.values(config.registrations).flatMap((r) => [r.as_token, r.hs_token])
}
