/** Bodies a homeserver (or anyone) may send with a valid token; none may make the appservice fail with a 5xx. */
export const badBodies: readonly { name: string; rawBody: string }[] = [
  { name: 'malformed JSON', rawBody: '{"transaction_id": ' },
  { name: 'a JSON array', rawBody: '[]' },
  { name: 'a JSON string', rawBody: '"ping"' },
  { name: 'JSON null', rawBody: 'null' },
  { name: 'an empty body', rawBody: '' },
  { name: 'a numeric transaction_id', rawBody: '{"transaction_id": 42}' },
  // What Synapse sends when the client gave no transaction_id.
  { name: 'transaction_id null', rawBody: '{"transaction_id": null}' },
]
