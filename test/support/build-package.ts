import { execFileSync } from 'node:child_process'

/**
 * vitest globalSetup: builds dist/ once before any test, from the sources as they are, so the
 * tests that run the package's build (the composite action's steps) never run a stale one.
 */
export default function buildPackage(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: new URL('../../', import.meta.url), stdio: ['ignore', 'ignore', 'inherit'] })
}
