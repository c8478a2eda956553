import { findVariant, startReferenceSetup } from '../../fixtures/registry.js'
import type { Shard } from '../../runner/shard.js'
import type { RunFinishOptions } from '../finish-run.js'
import type { ReportTargets } from '../option-parsers.js'
import type { Output } from '../output.js'
import { homeserverCommand } from './homeserver.js'
import { npxCommand } from '../npx-command.js'
import { appserviceReportTargets, onlyFor, referenceRoles, type ReferenceRole } from '../reference-roles.js'

export interface ReferenceCommandOptions extends RunFinishOptions {
  hsTimeoutMs: number
  variant?: string
  /** A broken variant of the reference appservice (fixtures/broken-appservices). */
  appserviceVariant?: string
  role?: ReferenceRole
  strict: boolean
  only?: string[]
  report?: ReportTargets
  specVersion?: string
  load?: number
  concurrency?: number
  shard?: Shard
}

/**
 * The main job (`npm start`): the full homeserver run against the built-in reference homeserver
 * and the full appservice run against the built-in reference appservice; the exit code is the
 * worse of the two. --variant / --appservice-variant run against a deliberately broken variant
 * instead, and --role picks one run (see reference-roles.ts).
 */
export async function referenceCommand(options: ReferenceCommandOptions, output: Output): Promise<number> {
  const roles = referenceRoles(options)
  const both = roles.homeserver && roles.appservice
  const hsOnly = onlyFor('homeserver', options.only)
  const asOnly = onlyFor('appservice', options.only)
  let code = 0
  if (roles.homeserver && hsOnly?.length !== 0) code = await referenceHomeserver({ ...options, ...(hsOnly ? { only: hsOnly } : {}) }, output)
  if (roles.appservice && asOnly?.length !== 0) {
    const report = options.report && both ? appserviceReportTargets(options.report) : options.report
    if (both) output.out('\n')
    // Loaded only when the appservice run happens: a homeserver run need not pay for its modules.
    const { referenceAppserviceCommand } = await import('./reference-appservice.js')
    code = Math.max(code, await referenceAppserviceCommand({ ...options, ...(asOnly ? { only: asOnly } : {}), ...(report ? { report } : {}) }, output))
  }
  return code
}

/** The homeserver run against the reference homeserver (or a broken, conformant or hostile variant). */
async function referenceHomeserver(options: ReferenceCommandOptions, output: Output): Promise<number> {
  // The registry loads the variants only when one is asked for.
  const variant = options.variant ? await findVariant('homeserver', options.variant) : undefined
  const setup = await startReferenceSetup({ appserviceTimeoutMs: options.hsTimeoutMs, ...variant?.options })
  try {
    if (variant) output.out(`Running against the ${variant.kind} variant '${variant.name}': ${variant.description}\n`)
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
        ...(options.load ? { load: options.load } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...pick(options, ['expectations', 'updateExpectations', 'baseline', 'failOn', 'shard', 'history']),
        reproCommand: (id) => `${npxCommand} reference${variant ? ` --variant ${variant.name}` : ''} --only ${id}`,
      },
      output,
      setup.config,
    )
  } finally {
    await setup.close()
  }
}

/** The given options among `keys`, leaving out those not set. */
function pick<T extends object, K extends keyof T>(options: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]])) as Partial<Pick<T, K>>
}
