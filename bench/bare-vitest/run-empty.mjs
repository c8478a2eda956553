// The baseline of `npm run bench`: a fresh node process that starts vitest the way the suite does
// (its Node API, no config file, one worker thread) and runs one empty test.
import { fileURLToPath } from 'node:url'
import { startVitest } from 'vitest/node'

const file = fileURLToPath(new URL('./empty.test.ts', import.meta.url))
const vitest = await startVitest(
  'test',
  [file],
  { config: false, root: fileURLToPath(new URL('.', import.meta.url)), watch: false, include: [file], reporters: [{}], pool: 'threads', maxWorkers: 1 },
  { logLevel: 'silent', cacheDir: false, server: { watch: null } },
)
await vitest.close()
const passed = vitest.state.getFiles().every((f) => f.result?.state === 'pass')
process.exit(passed ? 0 : 1)
