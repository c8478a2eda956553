import { join } from 'node:path'
import { packageRoot } from '../package-files.js'

/** The two ping operations the suite checks, named by their spec `operationId`. */
export type OperationId = 'pingAppservice' | 'ping'

/** Where the vendored spec files live, and which file defines which of the two ping operations. */
export const defaultSpecsDir = join(packageRoot, 'specs')

export const specFiles: Record<OperationId, string> = {
  pingAppservice: 'client-server/appservice_ping.yaml',
  ping: 'application-service/ping.yaml',
}
