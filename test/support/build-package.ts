import { buildPackage } from '../../scripts/support/build-package.js'

/**
 * vitest globalSetup: builds dist/ before any test when the sources changed since the last build,
 * so the tests that run the package's build (the composite action's steps) never run a stale one.
 */
export default function buildBeforeTests(): void {
  buildPackage()
}
