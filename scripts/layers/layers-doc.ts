import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { packageRoot } from '../../runner/package-root'
import type { Cruise } from './cruise-imports'
import { layerRules } from './layer-rules'
import { replaceMarkedSection } from '../../harness/generated-doc'
import { renderLayersSection } from './render-layers-section'

export const contributingPath = join(packageRoot, 'docs', 'CONTRIBUTING.md')

/** docs/CONTRIBUTING.md as `npm run docs:layers` would write it: its layers section drawn from the rules and this cruise. */
export async function contributingWithLayers(cruise: Cruise): Promise<string> {
  return replaceMarkedSection(await readFile(contributingPath, 'utf8'), 'layers', renderLayersSection(layerRules(), cruise))
}
