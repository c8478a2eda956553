#!/usr/bin/env node
import { main } from './main.js'

const code = await main(process.argv.slice(2))
// Exit at once: idle keep-alive sockets must not hold the process open after the verdict.
process.exit(code)
