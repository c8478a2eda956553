#!/usr/bin/env node
import { toolVersion } from '../runner/tool-version.js'

const argv = process.argv.slice(2)
// `--version` alone needs none of the commands' definitions (nor the spec files they quote): answered before they load.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${toolVersion}\n`)
  process.exit(0)
}
const { main } = await import('./main.js')
const code = await main(argv)
// Exit at once: idle keep-alive sockets must not hold the process open after the verdict.
process.exit(code)
