import { fileURLToPath } from 'node:url'

/** The installed package's root: suites/ and specs/ are found from here, wherever the CLI is run. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url))
