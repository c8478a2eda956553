import { CheckFailure } from '../assert/check-failure.js'
import { answerInBrief } from '../assert/must.js'
import type { CheckContext } from './check-context.js'

/**
 * The check that owns "MSC2659's unstable errcodes (FI.MAU.MSC2659_…) on the spec's v1 path": the
 * errcode of the commonest failed ping. A homeserver that moved its route to v1 but kept the unstable
 * spellings gets every errcode-asserting check wrong for that one reason (one root cause, one failure).
 */
export const unstableErrcodesOwner = 'HS-PING-BAD-STATUS'

/**
 * The check's body, recording (CheckContext.dependOn) that a failure whose only fault is the unstable
 * spelling (CheckFailure.onlyUnstableErrcodes) follows from the owner's: if that fails too, this one is
 * its consequence; if it passes, the cause lies elsewhere and this failure stands.
 */
export function leaveUnstableErrcodesToOwner(id: string, body: (t: CheckContext) => Promise<void>): (t: CheckContext) => Promise<void> {
  if (id === unstableErrcodesOwner) return body
  return async (t) => {
    try {
      await body(t)
    } catch (error) {
      if (error instanceof CheckFailure && error.onlyUnstableErrcodes)
        t.dependOn(
          unstableErrcodesOwner,
          `its only fault is MSC2659's unstable errcode spelling on the spec's v1 path${error.exchange ? ` (${answerInBrief(error.exchange)})` : ''}, which ${unstableErrcodesOwner} grades`,
        )
      throw error
    }
  }
}
