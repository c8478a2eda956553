import type { Level } from '../harness/requirements/requirement.js'
import type { CheckStatus } from './check-result.js'

/** How a check that did not hold is graded (conformance policy): MUST fails, SHOULD warns, INFO only records. */
export function gradeFailure(level: Level): CheckStatus {
  switch (level) {
    case 'MUST':
      return 'fail'
    case 'SHOULD':
      return 'warn'
    case 'INFO':
      return 'pass'
  }
}
