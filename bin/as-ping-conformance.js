#!/usr/bin/env node
// The CLI is TypeScript, run through tsx so a fresh `npm ci` needs no build step.
import { register } from 'tsx/esm/api'

// vitest is plain JavaScript (~1000 modules): loaded before tsx's hooks exist it takes ~0.3 s;
// through them, every module costs a round trip to the hooks thread (~1 s more, and ~150 MB).
await import('vitest/node')
register()
const { main } = await import('../cli/main.ts')
const code = await main(process.argv.slice(2))
// Exit at once: idle keep-alive sockets must not hold the process open after the verdict.
process.exit(code)
