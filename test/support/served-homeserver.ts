import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../harness/http/free-port.js'
import { loadConformanceConfig } from '../../harness/registration/conformance-config.js'
import { randomToken } from '../../harness/registration/random-token.js'
import { runCli } from './run-cli.js'
import { configTokens } from './output-hygiene.js'
import { startServe } from './served-process.js'

export interface ServedHomeserver {
  url: string
  /** The registrations directory the homeserver loaded (`--config` of a homeserver run). */
  configDir: string
  /** An ordinary user's access token the homeserver knows. */
  userToken: string
  /** Every token of the set-up: none may appear in any output. */
  tokens: string[]
  close(): Promise<void>
}

/**
 * The reference homeserver (or a variant of it) as a user without a homeserver gets one: `init`
 * writes the registrations, and `serve homeserver` serves them in a process of its own, on a free
 * loopback port, for tests that run the suite against it as a user would against theirs.
 */
export async function serveHomeserver(options: { hsTimeoutMs: number; variant?: string }): Promise<ServedHomeserver> {
  const home = await mkdtemp(join(tmpdir(), 'asp-served-'))
  const configDir = join(home, 'conformance')
  const init = await runCli(['init', '--as-url', `http://127.0.0.1:${await freePort()}`, '--out', configDir])
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`)
  const userToken = randomToken('user')
  const port = await freePort()
  const served = await startServe([
    'homeserver',
    '--registrations',
    configDir,
    '--listen',
    `127.0.0.1:${port}`,
    '--user-token',
    userToken,
    '--hs-timeout-ms',
    String(options.hsTimeoutMs),
    ...(options.variant ? ['--variant', options.variant] : []),
  ])
  return {
    url: `http://127.0.0.1:${port}`,
    configDir,
    userToken,
    tokens: [userToken, ...configTokens(await loadConformanceConfig(configDir))],
    close: async () => {
      served.child.kill('SIGTERM')
      await served.ended
      await rm(home, { recursive: true, force: true })
    },
  }
}
