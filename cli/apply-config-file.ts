import type { Command } from 'commander'
import { loadConfigFile } from './config-file.js'
import { applyConfigValues, knownFlags } from './option-sources.js'

/**
 * Puts --config-file's values on the command about to run, before it parses, so the command line
 * and the environment override them: the program's hook for its commands, a group's (`serve`) for its own.
 */
export async function applyConfigFile(root: Command, command: Command): Promise<void> {
  const file = root.opts().configFile as string | undefined
  if (file) applyConfigValues(command, await loadConfigFile(file), knownFlags(root), file)
}
