import { Option } from 'commander'

/** Every flag can also come from the environment, for CI: --hs-url ↔ CONFORMANCE_HS_URL. */
export function option(flags: string, description: string): Option {
  const long = /--([a-z-]+)/.exec(flags)![1]!
  return new Option(flags, description).env(`CONFORMANCE_${long.toUpperCase().replace(/-/g, '_')}`)
}
