/** What a check file imports: the check declaration, the matchers and the stub outcomes. */
export { check, SkipCheck } from './check'
export type { CheckContext } from './check-context'
export { must, responseMismatches, describeResponse } from '../assert/must'
export { match, type JsonMatcher } from '../assert/match'
export { CheckFailure } from '../assert/check-failure'
export { respondOk, respondJson, respondText, describeOutcome, type StubOutcome, type RespondOutcome } from '../stub-appservice/stub-outcome'
export { isPing, type RecordedRequest } from '../stub-appservice/recorded-request'
// Appservice checks (suites/appservice/): the declaration, its context, and the mock homeserver's vocabulary.
export { appserviceCheck, type AppserviceCheckDefinition } from './appservice-check'
export type { AppserviceCheckContext } from './appservice-check-context'
export { describeExit } from './appservice-transcript'
export { homeserverFaults, type HomeserverFault } from '../mock-homeserver/homeserver-plan'
export { pingAttempt, type PingRound, type MockRecordedRequest } from '../mock-homeserver/ping-round'
