import { resolve } from 'node:path'
import { findVariant, startHomeserverVariant } from '../../fixtures/registry.js'
import { loadRegistrationsIn } from '../../harness/registration/registrations-in-dir.js'
import { hostPort, listenFailure } from '../listen-failure.js'
import type { Output } from '../output.js'
import { untilStopped } from '../until-stopped.js'
import { defaultHomeserverListen } from './default-homeserver-listen.js'

export interface ServeHomeserverOptions {
  registrations: string
  listen?: { host: string; port: number }
  variant?: string
  userToken?: string
  hsTimeoutMs: number
}

/**
 * The reference homeserver (or a variant) as a long-running process, loading the registrations
 * `init` wrote, for a homeserver run or an appservice to talk to; until SIGINT or SIGTERM.
 */
export async function serveHomeserverCommand(options: ServeHomeserverOptions, output: Output): Promise<number> {
  const dir = resolve(options.registrations)
  const appservices = await loadRegistrationsIn(dir)
  const variant = options.variant ? await findVariant('homeserver', options.variant) : undefined
  const listen = options.listen ?? defaultHomeserverListen
  const homeserver = await startHomeserverVariant(
    {
      appservices,
      // An empty token (an unset $USER_TOKEN) is no user at all.
      ...(options.userToken ? { users: { [options.userToken]: '@alice:reference.test' } } : {}),
      appserviceTimeoutMs: options.hsTimeoutMs,
      ...listen,
    },
    variant,
  ).catch((error: unknown) => {
    throw listenFailure(error, 'homeserver', listen)
  })
  const stopped = untilStopped()
  const which = variant ? `the ${variant.kind} homeserver variant '${variant.name}' (${variant.description})` : 'the reference homeserver'
  output.out(
    `Serving ${which} on http://${hostPort(listen)} with ${appservices.length} registrations from ${dir}, appservice timeout ${options.hsTimeoutMs} ms; Ctrl-C stops it.\n`,
  )
  const code = await stopped
  await homeserver.close()
  return code
}
