import { writeFile } from 'node:fs/promises'
import { cruiseImports } from './layers/cruise-imports'
import { contributingPath, contributingWithLayers } from './layers/layers-doc'

// Rewrites the layers section of docs/CONTRIBUTING.md from .dependency-cruiser.cjs and today's imports.
await writeFile(contributingPath, await contributingWithLayers(await cruiseImports()))
