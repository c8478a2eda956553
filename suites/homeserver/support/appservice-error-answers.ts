import { respondText, type RespondOutcome } from '../../../harness/scenario/index.js'

/** The non-2xx answers an appservice gives in the wild, each of which must become 502 M_BAD_STATUS. */
export const appserviceErrorAnswers: readonly { name: string; outcome: RespondOutcome }[] = [
  // The spec's "Incorrect hs_token" diagram, byte for byte.
  { name: '403 {"errcode": "M_FORBIDDEN"}', outcome: { kind: 'respond', status: 403, body: '{"errcode": "M_FORBIDDEN"}', contentType: 'application/json' } },
  { name: '500 with a text body', outcome: respondText(500, 'Internal Server Error: the bridge fell over') },
  // Not 2xx, so not a success; a 300 has no Location, so nobody follows it.
  { name: '300 Multiple Choices with a text body', outcome: respondText(300, 'Multiple Choices') },
  {
    name: '404 with an HTML page',
    outcome: respondText(404, '<html><head><title>404</title></head><body><h1>Cannot POST /_matrix/app/v1/ping</h1></body></html>', 'text/html; charset=utf-8'),
  },
]
