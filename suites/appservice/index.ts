import type { AppserviceCheckDefinition } from '../../harness/scenario'
import asClientPingAsToken from './as-client-ping-as-token.test'
import asClientPingBack from './as-client-ping-back.test'
import asClientPingBearerSpelling from './as-client-ping-bearer-spelling.test'
import asClientPingBody from './as-client-ping-body.test'
import asClientPingContentType from './as-client-ping-content-type.test'
import asClientPingPath from './as-client-ping-path.test'
import asClientPings from './as-client-pings.test'
import asClientSurvivesErrors from './as-client-survives-errors.test'
import asPingAsTokenRejected from './as-ping-as-token-rejected.test'
import asPingAuthOnRepeatedTxn from './as-ping-auth-on-repeated-txn.test'
import asPingBothTokens from './as-ping-both-tokens.test'
import asPingConcurrent from './as-ping-concurrent.test'
import asPingContentType from './as-ping-content-type.test'
import asPingErrorBody from './as-ping-error-body.test'
import asPingMalformedJson from './as-ping-malformed-json.test'
import asPingMissingToken401 from './as-ping-missing-token-401.test'
import asPingMissingToken from './as-ping-missing-token.test'
import asPingNo5xx from './as-ping-no-5xx.test'
import asPingNoLeaks from './as-ping-no-leaks.test'
import asPingNoTxnOk from './as-ping-no-txn-ok.test'
import asPingNonBearer from './as-ping-non-bearer.test'
import asPingNullTxn from './as-ping-null-txn.test'
import asPingOk from './as-ping-ok.test'
import asPingQueryToken from './as-ping-query-token.test'
import asPingRepeated from './as-ping-repeated.test'
import asPingTokenMismatch from './as-ping-token-mismatch.test'
import asPingUnicodeTxn from './as-ping-unicode-txn.test'
import asPingUnknownRoute from './as-ping-unknown-route.test'
import asPingUnsolicited from './as-ping-unsolicited.test'
import asPingWrongMethod from './as-ping-wrong-method.test'
import asPingWrongToken403 from './as-ping-wrong-token-403.test'
import asPingWrongToken from './as-ping-wrong-token.test'

/**
 * Every appservice check, for library use (the CLI runs the files themselves). Ordered as the
 * requirements are; the survival check restarts or re-pings the appservice, so it comes last.
 */
export const appserviceChecks: readonly AppserviceCheckDefinition[] = [
  asPingOk,
  asPingNoTxnOk,
  asPingUnicodeTxn,
  asPingNullTxn,
  asPingRepeated,
  asPingConcurrent,
  asPingUnsolicited,
  asPingWrongToken,
  asPingWrongToken403,
  asPingAsTokenRejected,
  asPingMissingToken,
  asPingMissingToken401,
  asPingNonBearer,
  asPingAuthOnRepeatedTxn,
  asPingTokenMismatch,
  asPingBothTokens,
  asPingQueryToken,
  asPingMalformedJson,
  asPingNo5xx,
  asPingErrorBody,
  asPingContentType,
  asPingNoLeaks,
  asPingUnknownRoute,
  asPingWrongMethod,
  asClientPings,
  asClientPingPath,
  asClientPingAsToken,
  asClientPingBearerSpelling,
  asClientPingBody,
  asClientPingContentType,
  asClientPingBack,
  asClientSurvivesErrors,
]

