import { appserviceRequirements } from './appservice-requirements.js'
import { homeserverRequirements } from './homeserver-requirements.js'
import type { Requirement } from './requirement.js'
import { moduleExtension } from '../package-files.js'

/** Every requirement the suite grades, keyed by id. */
export const requirements: readonly Requirement[] = [...homeserverRequirements, ...appserviceRequirements]

const byId = new Map(requirements.map((r) => [r.id, r]))

export function requirement(id: string): Requirement {
  const found = byId.get(id)
  if (!found) throw new Error(`[harness] no requirement with id ${id} in harness/requirements`)
  return found
}

export function hasRequirement(id: string): boolean {
  return byId.has(id)
}

/** Check file name for a requirement id: suites/<role>/<id lower-cased>.test.ts (.test.js when built). */
export function checkFileName(id: string): string {
  return `${id.toLowerCase()}.test${moduleExtension}`
}
