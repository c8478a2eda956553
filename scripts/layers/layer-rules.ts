import { createRequire } from 'node:module'

/** A path condition of a dependency-cruiser rule: regular expressions over paths from the package root. */
export interface PathCondition {
  path?: string
  pathNot?: string
}

/** One `forbidden` rule of .dependency-cruiser.cjs, the parts the layers section reads. */
export interface LayerRule {
  name: string
  comment: string
  from: PathCondition
  to: PathCondition & { circular?: boolean; /** Kinds of import the rule lets through, e.g. ['type-only']. */ dependencyTypesNot?: string[] }
}

/** The rules `npm test` enforces, read from the one file that holds them. */
export function layerRules(): LayerRule[] {
  const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { forbidden: LayerRule[] }
  return config.forbidden
}
