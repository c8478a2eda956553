import { writeFile } from 'node:fs/promises'
import { cruiseImports } from './layers/cruise-imports.js'
import { contributingPath, contributingWithLayers } from './layers/layers-doc.js'

// Rewrites the layers section of docs/CONTRIBUTING.md from .dependency-cruiser.cjs and today's imports.
await writeFile(contributingPath, await contributingWithLayers(await cruiseImports()))
