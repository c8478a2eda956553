import { match, type ResponseExpectation } from '../../../harness/scenario/index.js'

/** The 200 the endpoint documents: "The ping was successful", with an integer duration_ms. */
export const pingSucceeded: ResponseExpectation = { status: 200, json: [match.keyType('duration_ms', 'integer')] }
