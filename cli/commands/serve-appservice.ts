import { findVariant, serveReferenceAppservice, type PingOutcome } from '../../fixtures/registry.js'
import { loadRegistration } from '../../harness/registration/appservice-registration.js'
import { UsageError } from '../../harness/usage-error.js'
import { defaultListen } from '../default-listen.js'
import { hostPort, listenFailure } from '../listen-failure.js'
import type { Output } from '../output.js'
import { untilStopped } from '../until-stopped.js'

export interface ServeAppserviceOptions {
  registration: string
  hsUrl?: string
  listen?: { host: string; port: number }
  variant?: string
}

/** A variant that gives up when its own ping fails (as broken appservices do) ends the process with this. */
const gaveUpExitCode = 1

/**
 * The reference appservice (or a variant) as a long-running process: it answers the homeserver's
 * POST /_matrix/app/v1/ping with the registration's hs_token, and with --hs-url pings that
 * homeserver once as it starts, with its as_token and id; until SIGINT or SIGTERM.
 */
export async function serveAppserviceCommand(options: ServeAppserviceOptions, output: Output): Promise<number> {
  const registration = await loadRegistration(options.registration)
  const variant = options.variant ? await findVariant('appservice', options.variant) : undefined
  if (!options.listen && registration.url === null)
    throw new UsageError(`registration ${options.registration} has url: null, so it does not say where to listen`, 'pass --listen HOST:PORT')
  const listen = options.listen ?? defaultListen(registration.url!)
  let giveUp: () => void = () => undefined
  const gaveUp = new Promise<number>((resolve) => {
    giveUp = () => {
      output.out('It gave up: its ping of the homeserver failed.\n')
      resolve(gaveUpExitCode)
    }
  })
  const served = await serveReferenceAppservice({
    ...listen,
    hsToken: registration.hs_token,
    asToken: registration.as_token,
    asId: registration.id,
    ...(options.hsUrl ? { homeserverUrl: options.hsUrl } : {}),
    ...(variant ? { variant } : {}),
    onShutDown: () => giveUp(),
  }).catch((error: unknown) => {
    throw listenFailure(error, 'appservice', listen)
  })
  const stopped = untilStopped()
  const which = variant ? `the ${variant.kind} appservice variant '${variant.name}' (${variant.description})` : 'the reference appservice'
  output.out(`Serving ${which} '${registration.id}' on http://${hostPort(listen)}${options.hsUrl ? `, pinging ${options.hsUrl}` : ''}; Ctrl-C stops it.\n`)
  void served.startupPing?.then((outcome) => output.out(`Its ping of the homeserver: ${describePing(outcome)}\n`))
  const code = await Promise.race([stopped, gaveUp])
  await served.close()
  return code
}

/** The status and errcode only: a homeserver's answer may quote what it was sent, the as_token too. */
function describePing(outcome: PingOutcome): string {
  if (!('status' in outcome)) return `no answer (${outcome.error})`
  const errcode = /"errcode"\s*:\s*"(M_[A-Z_]+)"/.exec(outcome.body)?.[1]
  return `HTTP ${outcome.status}${errcode ? ` ${errcode}` : ''}`
}
