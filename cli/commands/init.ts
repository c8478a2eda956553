import { access } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { configFileName, writeConformanceConfig } from '../../harness/registration/conformance-config.js'
import { createConformanceRegistrations } from '../../harness/registration/conformance-registrations.js'
import { UsageError } from '../../harness/usage-error.js'
import type { Output } from '../output.js'

export interface InitOptions {
  asUrl: string
  out: string
  unreachableUrl?: string
  force?: boolean
  /** Registration ids start with this (default as-ping-conformance): one set per shard of a sharded run. */
  idPrefix?: string
}

/** Writes fresh registrations and the suite's config, and says what to add to the homeserver. */
export async function initCommand(options: InitOptions, output: Output): Promise<number> {
  const dir = resolve(options.out)
  const exists = await access(join(dir, configFileName)).then(
    () => true,
    () => false,
  )
  if (exists && !options.force) {
    throw new UsageError(`${dir} already holds a config; its tokens may be registered on a homeserver`, 'pass --force to replace it, or choose another --out')
  }
  const registrations = createConformanceRegistrations({
    asUrl: options.asUrl,
    ...(options.unreachableUrl ? { unreachableUrl: options.unreachableUrl } : {}),
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
  })
  const config = await writeConformanceConfig(dir, registrations)
  const files = Object.values(config.files).map((f) => join(dir, f))
  output.out(
    [
      `Wrote ${files.length} appservice registrations and ${configFileName} to ${dir}, listed in its .gitignore (they hold tokens).`,
      '',
      'Add the registrations to your homeserver and restart it. For Synapse, in homeserver.yaml:',
      '',
      '  app_service_config_files:',
      ...files.map((f) => `    - ${f}`),
      '',
      `The main registration points at ${options.asUrl}: the suite's stub appservice will listen there.`,
      `Then run: as-ping-conformance homeserver --hs-url <homeserver URL> --config ${dir}`,
      '',
    ].join('\n'),
  )
  return 0
}
