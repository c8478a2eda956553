import { hasCheckFile } from '../../harness/requirements/requirement.js'
import { checkFileName, requirements } from '../../harness/requirements/registry.js'
import type { AppserviceCheckDefinition } from '../../harness/scenario/index.js'

/**
 * Every appservice check, for library use (the CLI runs the files themselves): each requirement's
 * check file, in the registry's order (the survival check, which restarts or re-pings the
 * appservice, is its last). A new check needs no line here.
 */
export const appserviceChecks: readonly AppserviceCheckDefinition[] = await Promise.all(
  requirements
    .filter((r) => r.role === 'appservice' && hasCheckFile(r))
    .map(async (r) => {
      const file = (await import(new URL(checkFileName(r.id), import.meta.url).href)) as { default: AppserviceCheckDefinition }
      return file.default
    }),
)
