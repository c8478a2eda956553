// The README's "In your own vitest suite" example, run as written (only its imports differ:
// the README imports the package and your appservice; here, the repo and the reference appservice).
import { appserviceConformance, defaultMockHomeserverUrl } from '../index.js'
import { createReferenceAppservice as createMyAppservice } from '../fixtures/reference-appservice/reference-appservice.js'

const hsToken = 'hs_token_from_your_registration'
const asToken = 'as_token_from_your_registration'
const asId = 'my-bridge'

// Your appservice, pointed at the mock homeserver: its requests there are intercepted (msw).
const appservice = createMyAppservice({ hsToken, asToken, asId, homeserverUrl: defaultMockHomeserverUrl })

appserviceConformance({
  app: appservice.handler, // a Node request handler, an Express app or an http.Server
  hsToken,
  asToken,
  asId,
  // Makes it call POST /_matrix/client/v1/appservice/{id}/ping, as it does when it starts.
  ping: () => appservice.pingHomeserver(),
})
