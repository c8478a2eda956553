import { variantsOf } from '../../fixtures/registry.js'

/** One implementation the project can run here, and the CLI arguments that run the suite against it. */
export interface InteropTarget {
  role: 'homeserver' | 'appservice'
  /** Its column in the table. */
  label: string
  /** How it was run, for the page: the implementation, its version, what ran it. */
  how: string
  /** The CLI's arguments (its report is added); or, for a real appservice, started here first. */
  args: readonly string[]
  /** A real implementation from npm, started in this process, listening at the URL the args name. */
  start?: () => Promise<{ args: readonly string[]; env: Record<string, string>; stop(): Promise<void> }>
}

/** The reference homeserver's appservice timeout in these runs: short, so the 504 case is quick. */
const hsTimeoutMs = '1500'

/** The references and their conformant variants: what differs from the reference only where the spec allows. */
export async function referenceTargets(): Promise<InteropTarget[]> {
  const homeservers = (await variantsOf('homeserver')).filter((v) => v.kind === 'conformant')
  const appservices = (await variantsOf('appservice')).filter((v) => v.kind === 'conformant')
  return [
    {
      role: 'homeserver',
      label: 'reference',
      how: 'the reference homeserver (fixtures/reference-homeserver), `reference --role homeserver`',
      args: ['reference', '--role', 'homeserver', '--hs-timeout-ms', hsTimeoutMs],
    },
    ...homeservers.map((v) => ({
      role: 'homeserver' as const,
      label: v.name,
      how: `a conformant variant of the reference homeserver: ${v.name}, \`reference --variant ${v.name}\``,
      args: ['reference', '--role', 'homeserver', '--variant', v.name, '--hs-timeout-ms', hsTimeoutMs],
    })),
    {
      role: 'appservice',
      label: 'reference',
      how: 'the reference appservice (fixtures/reference-appservice), spawned: `reference --role appservice`',
      args: ['reference', '--role', 'appservice'],
    },
    ...appservices.map((v) => ({
      role: 'appservice' as const,
      label: v.name,
      how: `a conformant variant of the reference appservice: ${v.name}, \`reference --appservice-variant ${v.name}\``,
      args: ['reference', '--role', 'appservice', '--appservice-variant', v.name],
    })),
  ]
}
