import { hasRequirement, requirement } from '../harness/requirements/registry.js'
import type { Role } from '../harness/requirements/requirement.js'
import { UsageError } from '../harness/usage-error.js'
import type { ReportTargets } from '../reports/report-formats.js'

export type ReferenceRole = 'homeserver' | 'appservice' | 'both'

export const referenceRoleChoices: readonly ReferenceRole[] = ['homeserver', 'appservice', 'both']

export interface RoleHints {
  role?: ReferenceRole
  variant?: string
  appserviceVariant?: string
  only?: string[]
  load?: number
  concurrency?: number
  shard?: unknown
  expectations?: string
  updateExpectations?: boolean
  baseline?: string
}

/**
 * Which suites `reference` runs: both by default; --role says so outright; otherwise a broken
 * variant, --only ids or a homeserver-only mode (--load, --shard) narrow it to their role.
 */
export function referenceRoles(options: RoleHints): { homeserver: boolean; appservice: boolean } {
  const homeserverModes = options.load !== undefined || options.concurrency !== undefined || options.shard !== undefined
  let roles: { homeserver: boolean; appservice: boolean }
  if (options.role) {
    roles = { homeserver: options.role !== 'appservice', appservice: options.role !== 'homeserver' }
    if (!roles.homeserver && (options.variant || homeserverModes))
      throw new UsageError('--variant, --load, --concurrency and --shard belong to the homeserver run', 'use --role homeserver or both, or drop them')
    if (!roles.appservice && options.appserviceVariant)
      throw new UsageError('--appservice-variant belongs to the appservice run', 'use --role appservice or both, or drop it')
  } else {
    const hinted = {
      homeserver: Boolean(options.variant) || homeserverModes || (options.only ?? []).some((id) => roleOf(id) === 'homeserver'),
      appservice: Boolean(options.appserviceVariant) || (options.only ?? []).some((id) => roleOf(id) === 'appservice'),
    }
    roles = hinted.homeserver || hinted.appservice ? hinted : { homeserver: true, appservice: true }
  }
  if (roles.homeserver && roles.appservice && (options.expectations || options.updateExpectations || options.baseline)) {
    throw new UsageError("--expectations and --baseline grade one role's run, and `reference` would run both", 'add --role homeserver or --role appservice')
  }
  return roles
}

/** --only for one role's run: its own ids, and unknown ones for its command to refuse (all of them when --only was not given). */
export function onlyFor(role: Role, only: readonly string[] | undefined): string[] | undefined {
  return only?.filter((id) => roleOf(id) === role || roleOf(id) === undefined)
}

function roleOf(id: string): Role | undefined {
  return hasRequirement(id) ? requirement(id).role : undefined
}

/** When both roles run, the appservice report goes next to the homeserver's: report.json → report.appservice.json. */
export function appserviceReportTargets(targets: ReportTargets): ReportTargets {
  return Object.fromEntries(Object.entries(targets).map(([format, file]) => [format, file.replace(/(\.[^./\\]+)?$/, '.appservice$1')]))
}
