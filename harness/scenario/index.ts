/** What a check file imports: the check declaration, the matchers and the stub outcomes. */
export { check, SkipCheck } from './check'
export type { CheckContext } from './check-context'
export { must, responseMismatches, describeResponse } from '../assert/must'
export { match, type JsonMatcher } from '../assert/match'
export { CheckFailure } from '../assert/check-failure'
export { respondOk, respondJson, respondText, describeOutcome, type StubOutcome, type RespondOutcome } from '../stub-appservice/stub-outcome'
export { isPing, type RecordedRequest } from '../stub-appservice/recorded-request'
