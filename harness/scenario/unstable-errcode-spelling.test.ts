import { describe, expect, it } from 'vitest'
import { CheckFailure } from '../assert/check-failure.js'
import type { CheckContext } from './check-context.js'
import { leaveUnstableErrcodesToOwner, unstableErrcodesOwner } from './unstable-errcode-spelling.js'

/** A context that records what its check depends on (the only part the wrapper touches). */
function recordingContext(): { t: CheckContext; dependencies: string[] } {
  const dependencies: string[] = []
  const t = { dependOn: (checkId: string) => void dependencies.push(checkId) } as unknown as CheckContext
  return { t, dependencies }
}

const failing = (onlyUnstableErrcodes: boolean) => () =>
  Promise.reject(new CheckFailure(['errcode'], 'M_X', 'FI.MAU.MSC2659_X', undefined, 'answer', onlyUnstableErrcodes))

describe("a failure only in MSC2659's unstable errcode spelling is left to its owner", () => {
  it("records the owner for another check's flagged failure, and still fails", async () => {
    const { t, dependencies } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', failing(true))(t)).rejects.toBeInstanceOf(CheckFailure)
    expect(dependencies).toEqual([unstableErrcodesOwner])
  })

  it("records nothing for a fault of the check's own, a pass, or the owner itself", async () => {
    const { t, dependencies } = recordingContext()
    await expect(leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', failing(false))(t)).rejects.toBeInstanceOf(CheckFailure)
    await leaveUnstableErrcodesToOwner('HS-PING-TIMEOUT', () => Promise.resolve())(t)
    await expect(leaveUnstableErrcodesToOwner(unstableErrcodesOwner, failing(true))(t)).rejects.toBeInstanceOf(CheckFailure)
    expect(dependencies).toEqual([])
  })
})
