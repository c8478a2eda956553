import { findVariant, startReferenceSetup } from '../../fixtures/registry.js'
import { configTokens } from './output-hygiene.js'

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
 * The reference homeserver (or a variant of it) listening on a loopback port, with its
 * registrations on disk, for tests that run the suite against it as a user would against theirs.
 * In this process for now (as `reference` starts it); when `serve homeserver` exists, this one
 * function becomes a child process running it.
 */
export async function serveHomeserver(options: { hsTimeoutMs: number; variant?: string }): Promise<ServedHomeserver> {
  const variant = options.variant ? await findVariant('homeserver', options.variant) : undefined
  const setup = await startReferenceSetup({ appserviceTimeoutMs: options.hsTimeoutMs, ...variant?.options })
  return {
    url: setup.homeserver.url,
    configDir: setup.config.dir,
    userToken: setup.userToken,
    tokens: [setup.userToken, ...configTokens(setup.config)],
    close: () => setup.close(),
  }
}
