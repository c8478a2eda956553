#!/usr/bin/env node
// The CLI run from its TypeScript sources through tsx, for working in a clone without a build
// (the tests run it). The package's own bin is the build of the same entry: dist/cli/bin.js.
import { register } from 'tsx/esm/api'

// vitest is plain JavaScript (~1000 modules): loaded before tsx's hooks exist it takes ~0.3 s;
// through them, every module costs a round trip to the hooks thread (~1 s more, and ~150 MB).
await import('vitest/node')
register()
await import('../cli/bin.ts')
