#!/usr/bin/env node
// The CLI is TypeScript, run through tsx so a fresh `npm ci` needs no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../cli/main.ts')
const code = await main(process.argv.slice(2))
// Exit at once: idle keep-alive sockets must not hold the process open after the verdict.
process.exit(code)
