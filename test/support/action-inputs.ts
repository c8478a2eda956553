import type { Option } from 'commander'
import type { CompositeAction } from './composite-action.js'
import { optionByEnvVar } from './cli-definition.js'

/** The prefix of the run step's variables that it exports, when not empty, as CONFORMANCE_<the rest> (action.yml). */
const flagPrefix = 'AS_PING_FLAG_'

/** The CLI flag (of homeserver or appservice) that an input of action.yml sets; undefined for the action's own inputs (command, reports). */
export function flagOfInput(action: CompositeAction, input: string): Option | undefined {
  const step = action.runs.steps.find((s) => s.id === 'run')
  const variable = Object.entries(step?.env ?? {}).find(([name, value]) => name.startsWith(flagPrefix) && value === `\${{ inputs.${input} }}`)?.[0]
  return variable ? optionByEnvVar(['homeserver', 'appservice'], `CONFORMANCE_${variable.slice(flagPrefix.length)}`) : undefined
}
