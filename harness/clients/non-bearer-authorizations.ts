/**
 * Authorization headers of other schemes than Bearer, for the checks that no such header is read
 * as a token. The Basic credentials are made up: a token inside base64 would slip past redaction.
 */
export function nonBearerAuthorizations(token: string): { name: string; authorization: string }[] {
  return [
    { name: 'Basic', authorization: `Basic ${Buffer.from('as-ping-conformance:not-a-token').toString('base64')}` },
    { name: 'Token <token>', authorization: `Token ${token}` },
    // No scheme at all: a reader that strips "Bearer " only when present takes this for the token (mautrix-python 0.21).
    { name: '<token> without a scheme', authorization: token },
  ]
}
