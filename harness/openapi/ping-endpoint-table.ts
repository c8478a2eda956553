// Generated from specs/ by `npm run specs:endpoints` (harness/openapi/ping-endpoint-table-file.ts); test/generated-docs.test.ts fails when it is out of date.

/** The two ping operations, keyed by the spec's operationId: method and full path (the spec's `basePath` included). */
export const pingEndpointTable = {
  pingAppservice: { method: 'POST', path: '/_matrix/client/v1/appservice/{appserviceId}/ping' },
  ping: { method: 'POST', path: '/_matrix/app/v1/ping' },
} as const
