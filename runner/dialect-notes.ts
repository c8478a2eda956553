import { describeEndpointIn, pingPathIn, unstableGradingNote, unstablePingFeature } from '../harness/openapi/unstable-ping-endpoints.js'

/**
 * What an unstable run says once, near the top of its output and in its report: why, and which
 * paths it grades. A homeserver run knows it from /versions; an appservice run from the path its ping took.
 */
export const unstableDialectNotes = {
  homeserver:
    `the homeserver advertises only ${unstablePingFeature} (MSC2659 before v1.7), so the run grades MSC2659's unstable endpoints: ` +
    `${describeEndpointIn('unstable', 'pingAppservice')}, and its call to ${pingPathIn('unstable', 'ping')} (or ${pingPathIn('stable', 'ping')})`,
  appservice:
    `the appservice pinged ${describeEndpointIn('unstable', 'pingAppservice')}, ${unstableGradingNote}; ` +
    `the suite still calls its ${describeEndpointIn('stable', 'ping')}`,
} as const
