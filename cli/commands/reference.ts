import { brokenHomeservers } from '../../fixtures/broken-homeservers'
import { startReferenceSetup } from '../../fixtures/reference-homeserver/reference-setup'
import { UsageError } from '../../harness/usage-error'
import type { ReportTargets } from '../option-parsers'
import type { Output } from '../output'
import { homeserverCommand } from './homeserver'

export interface ReferenceCommandOptions {
  hsTimeoutMs: number
  variant?: string
  strict: boolean
  only?: string[]
  report?: ReportTargets
  specVersion?: string
}

/**
 * The main job (`npm start`): the full homeserver run against the built-in reference homeserver,
 * or, with --variant, against one of its deliberately broken variants.
 */
export async function referenceCommand(options: ReferenceCommandOptions, output: Output): Promise<number> {
  const variant = options.variant ? brokenHomeservers.find((v) => v.name === options.variant) : undefined
  if (options.variant && !variant) {
    throw new UsageError(`no broken variant '${options.variant}'`, `choose one of: ${brokenHomeservers.map((v) => v.name).join(', ')}`)
  }
  const setup = await startReferenceSetup({ appserviceTimeoutMs: options.hsTimeoutMs, ...variant?.options })
  try {
    if (variant) output.out(`Running against the broken variant '${variant.name}': ${variant.bug}\n`)
    return await homeserverCommand(
      {
        hsUrl: setup.homeserver.url,
        config: setup.config.dir,
        listen: setup.listen,
        userToken: setup.userToken,
        hsTimeoutMs: options.hsTimeoutMs,
        strict: options.strict,
        ...(options.only ? { only: options.only } : {}),
        ...(options.report ? { report: options.report } : {}),
        ...(options.specVersion ? { specVersion: options.specVersion } : {}),
      },
      output,
      setup.config,
    )
  } finally {
    await setup.close()
  }
}
