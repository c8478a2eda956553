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
 * The root cause (CheckDependency.cause) the owner's failure must show to own the others': a
 * homeserver that fails HS-PING-BAD-STATUS for another reason (a 500 for a 502) explains no spelling.
 */
export const unstableErrcodeSpelling = 'unstable-errcode-spelling'

/**
 * The check's body, recording (CheckContext.dependOn) that a failure whose only fault is the unstable
 * spelling (CheckFailure.onlyUnstableErrcodes) follows from the owner's: if that fails too, for that
 * same spelling, this one is its consequence; otherwise the cause lies elsewhere and this failure
 * stands. The owner records the cause (CheckContext.showCause) when its own failure is that spelling.
 */
export function leaveUnstableErrcodesToOwner(id: string, body: (t: CheckContext) => Promise<void>): (t: CheckContext) => Promise<void> {
  return async (t) => {
    try {
      await body(t)
    } catch (error) {
      if (error instanceof CheckFailure && error.onlyUnstableErrcodes) {
        if (id === unstableErrcodesOwner) t.showCause(unstableErrcodeSpelling)
        else
          t.dependOn(
            unstableErrcodesOwner,
            `its only fault is MSC2659's unstable errcode spelling on the spec's v1 path${error.exchange ? ` (${answerInBrief(error.exchange)})` : ''}, which ${unstableErrcodesOwner} grades`,
            unstableErrcodeSpelling,
          )
      }
      throw error
    }
  }
}
