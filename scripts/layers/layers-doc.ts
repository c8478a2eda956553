import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { packageRoot } from '../../harness/package-files.js'
import type { Cruise } from './cruise-imports.js'
import { layerRules } from './layer-rules.js'
import { replaceMarkedSection } from '../../harness/generated-doc.js'
import { renderLayersSection } from './render-layers-section.js'

export const contributingPath = join(packageRoot, 'docs', 'CONTRIBUTING.md')

/** docs/CONTRIBUTING.md as `npm run docs:layers` would write it: its layers section drawn from the rules and this cruise. */
export async function contributingWithLayers(cruise: Cruise): Promise<string> {
  return replaceMarkedSection(await readFile(contributingPath, 'utf8'), 'layers', renderLayersSection(layerRules(), cruise))
}
