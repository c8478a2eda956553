import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { AppService } from 'matrix-appservice'
import { freePort } from '../../harness/http/free-port.js'
import { randomToken } from '../../harness/registration/random-token.js'
import type { InteropTarget } from './interop-targets.js'

/** The version installed here (package-lock.json pins it), read from the package itself. */
const version = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('matrix-appservice/package.json'), 'utf8')) as { version: string }).version

/**
 * matrix-appservice (matrix-org/matrix-appservice-node) from npm: its AppService listening on a
 * loopback port in this process, checked by URL through the CLI (`appservice --as-url`), as
 * test/matrix-appservice.test.ts does. It has no client for the homeserver's ping, so that part is skipped.
 */
export const matrixAppserviceTarget: InteropTarget = {
  role: 'appservice',
  label: `matrix-appservice ${version}`,
  how: `matrix-appservice ${version} from npm (matrix-org/matrix-appservice-node): \`new AppService({ homeserverToken }).listen(port, '127.0.0.1')\`, checked with \`appservice --as-url\``,
  args: [],
  start: async () => {
    const hsToken = randomToken('hs')
    const appservice = new AppService({ homeserverToken: hsToken })
    const port = await freePort()
    await appservice.listen(port, '127.0.0.1', 511)
    return {
      args: ['appservice', '--as-url', `http://127.0.0.1:${port}`],
      env: { CONFORMANCE_HS_TOKEN: hsToken },
      stop: () => appservice.close(),
    }
  },
}
