import { findVariant, referenceAppserviceSetup } from '../../fixtures/registry.js'
import type { RunFinishOptions } from '../finish-run.js'
import type { Output } from '../output.js'
import { appserviceCommand } from './appservice.js'
import { npxCommand } from '../npx-command.js'

export interface ReferenceAppserviceOptions extends RunFinishOptions {
  appserviceVariant?: string
  strict: boolean
  only?: string[]
}

/** The reference appservice exits at once when it gives up, so a short grace is enough (and keeps `npm start` quick). */
const referenceSurvivalGraceMs = 300

/**
 * The appservice half of `reference`: the appservice suite, both parts, against the built-in
 * reference appservice (or one of its broken variants), started with --spawn as a user's would be.
 */
export async function referenceAppserviceCommand(options: ReferenceAppserviceOptions, output: Output): Promise<number> {
  const variant = options.appserviceVariant ? await findVariant('appservice', options.appserviceVariant) : undefined
  if (variant) output.out(`Running against the ${variant.kind} appservice '${variant.name}': ${variant.description}\n`)
  const setup = await referenceAppserviceSetup(variant?.name)
  const { expectations, updateExpectations, baseline, failOn, report, history } = options
  return appserviceCommand(
    {
      asUrl: setup.asUrl,
      ...setup.credentials,
      spawn: setup.spawn.command,
      // The reference appservice pings as it starts (fixtures/reference-appservice/main.ts).
      expectPing: true,
      survivalGraceMs: referenceSurvivalGraceMs,
      strict: options.strict,
      ...(options.only ? { only: options.only } : {}),
      ...(report ? { report } : {}),
      ...(expectations ? { expectations } : {}),
      ...(updateExpectations ? { updateExpectations } : {}),
      ...(baseline ? { baseline } : {}),
      ...(failOn ? { failOn } : {}),
      ...(history ? { history } : {}),
    },
    output,
    {
      spawnCwd: setup.spawn.cwd,
      reproCommand: (id) => `${npxCommand} reference --role appservice${variant ? ` --appservice-variant ${variant.name}` : ''} --only ${id}`,
    },
  )
}
